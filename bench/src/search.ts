/**
 * Message search at 100,000 messages (`--history-messages=N` changes the count): p50 of
 * `searchMessages` for three Chinese characters that one message in 4,000 contains, over
 * HTTP with a keep-alive client, against the search the trigram index avoids: the same text
 * found by reading every message of the conversation (LIKE over its JSON), run in process with
 * better-sqlite3. A second row puts it beside the newest history page of the same conversation
 * over HTTP: a search should cost about what a page costs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { type ServerChild, startChild } from './harness/child.js';
import { friendPair } from './harness/imkitUsers.js';
import { keepAliveGet } from './harness/keepAliveGet.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import { seedMessages } from './harness/seedMessages.js';
import { p50 } from './harness/stats.js';
import type { Row } from './harness/table.js';

/** What is searched for: "climbing shoes", in one message of every {@link NEEDLE_EVERY}. */
const NEEDLE = '登山鞋';
const NEEDLE_EVERY = 4000;
/** The texts of the other messages, Chinese and English, cycled. */
const FILLER = [
  '今天晚上我们去攀岩吗？',
  'see you at the wall at seven',
  '我带绳子，你带快挂',
  'the weather looks fine for Saturday',
  '周末去郊外爬山怎么样',
];

/** The stored content of the i-th seeded message (canonical JSON, as the server stores it). */
function contentOf(i: number): string {
  const text =
    i % NEEDLE_EVERY === 0 ? `我的新${NEEDLE}到了，周六试试` : FILLER[i % FILLER.length]!;
  return JSON.stringify({ text, type: 'text' });
}

/** The search the index avoids: every message of the conversation read, newest first. */
const SCAN_SQL = `select id from messages
  where conversation_id = ? and json_extract(content, '$.text') like ?
  order by seq desc limit ?`;

async function prepare(dataDir: string, count: number) {
  const first = await startChild('imkit', { IMKIT_BENCH_DATA_DIR: dataDir });
  const { a, b, conversationId } = await friendPair(first.url);
  await a.client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: randomUUID(), content: { type: 'text', text: 'hello' } },
  });
  await first.stop();
  seedMessages(path.join(dataDir, 'imkit.sqlite'), conversationId, [a.id, b.id], count, contentOf);
  return { token: a.token, conversationId };
}

async function run(options: BenchOptions): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-bench-search-'));
  const client = keepAliveGet();
  let server: ServerChild | undefined;
  let db: SQLite.Database | undefined;
  try {
    const count = options.quick ? 100_000 : Math.min(options.historyMessages, 100_000);
    const { token, conversationId } = await prepare(dataDir, count);
    server = await startChild('imkit', { IMKIT_BENCH_DATA_DIR: dataDir });
    const headers = { authorization: `Bearer ${token}` };
    const base = `${server.url}/conversations/${conversationId}`;
    const searchUrl = `${base}/messages/search?q=${encodeURIComponent(NEEDLE)}&limit=20`;
    const viaHttp = async () => {
      const page = (await client.get(searchUrl, headers)) as { items?: unknown[] };
      if (page.items?.length !== 20)
        throw new Error(`search page: ${JSON.stringify(page).slice(0, 300)}`);
    };
    const pageUrl = `${base}/messages?limit=20`;
    const historyPage = () => client.get(pageUrl, headers);
    db = new SQLite(path.join(dataDir, 'imkit.sqlite'), { readonly: true });
    const scan = db.prepare(SCAN_SQL);
    const scanInProcess = () => {
      const rows = scan.all(conversationId, `%${NEEDLE}%`, 21);
      if (rows.length !== 21) throw new Error(`scan found ${rows.length}`);
    };
    const times = options.quick ? 30 : 100;
    await p50(10, viaHttp);
    await p50(5, scanInProcess);
    await p50(10, historyPage);
    const results = await interleave(rounds(options, 5), {
      imkit: () => p50(times, viaHttp),
      scan: () => p50(Math.ceil(times / 5), scanInProcess),
      page: () => p50(times, historyPage),
    });
    const figure = `search 3 Chinese characters at ${count.toLocaleString('en')} messages: p50`;
    return [
      row(figure, 'ms', 'reading every message in process (LIKE)', results.imkit, results.scan, {
        atMost: 0.5,
      }),
      row(
        `${figure} (beside a page)`,
        'ms',
        'newest history page over HTTP',
        results.imkit,
        results.page,
      ),
    ];
  } finally {
    client.close();
    db?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The message search benchmark. */
export const search: Benchmark = { name: 'search', run };

if (isMain(import.meta.url)) await runAlone(search);
