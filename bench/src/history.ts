/**
 * History page of 50 at 1M messages: p50 of `listMessages` (newest page, limit 50) over HTTP
 * with a keep-alive client, against the same page query run in process with better-sqlite3,
 * and against the floor of HTTP itself: a raw `node:http` server answering the same page
 * (the same query, rows as JSON) to the same client.
 * The messages are seeded straight into the server's schema in one transaction while the
 * server is stopped (`--history-messages=N` changes the count; --quick uses 100,000).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** The query `listMessages` runs for the newest page (kysely's SQL, parameters bound). */
const PAGE_SQL = `select "messages".*, "users"."id" as "sender_id", "users"."username" as "sender_username",
  "users"."nickname" as "sender_nickname", "users"."avatar_url" as "sender_avatar_url",
  "users"."deleted_at" as "sender_deleted_at", "users"."email" as "sender_email",
  "users"."created_at" as "sender_created_at"
  from "messages" inner join "users" on "users"."id" = "messages"."sender_id"
  where "messages"."conversation_id" = ? order by "messages"."seq" desc limit ?`;

async function prepare(dataDir: string, count: number) {
  const first = await startChild('imkit', { IMKIT_BENCH_DATA_DIR: dataDir });
  const { a, b, conversationId } = await friendPair(first.url);
  await a.client.sendMessage({
    path: { conversation_id: conversationId },
    body: {
      client_message_id: randomUUID(),
      content: { type: 'text', text: 'a message of an ordinary length, about sixty bytes' },
    },
  });
  await first.stop();
  const started = performance.now();
  seedMessages(path.join(dataDir, 'imkit.sqlite'), conversationId, [a.id, b.id], count);
  return { token: a.token, conversationId, seedSeconds: (performance.now() - started) / 1000 };
}

/** A raw `node:http` server answering every GET with `page()` as JSON: the HTTP floor. */
async function rawPageServer(page: () => unknown): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    const body = JSON.stringify({ items: page() });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

async function run(options: BenchOptions): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-bench-history-'));
  const client = keepAliveGet();
  const rawClient = keepAliveGet();
  let server: ServerChild | undefined;
  let raw: { close(): void } | undefined;
  let db: SQLite.Database | undefined;
  try {
    const count = options.historyMessages;
    const { token, conversationId } = await prepare(dataDir, count);
    server = await startChild('imkit', { IMKIT_BENCH_DATA_DIR: dataDir });
    const url = `${server.url}/conversations/${conversationId}/messages?limit=50`;
    const headers = { authorization: `Bearer ${token}` };
    const viaHttp = async () => {
      const page = (await client.get(url, headers)) as { items?: unknown[] };
      if (page.items?.length !== 50)
        throw new Error(`history page: ${JSON.stringify(page).slice(0, 300)}`);
    };
    db = new SQLite(path.join(dataDir, 'imkit.sqlite'), { readonly: true });
    const query = db.prepare(PAGE_SQL);
    const inProcess = () => query.all(conversationId, 51);
    const rawServer = await rawPageServer(inProcess);
    raw = rawServer;
    const viaRawHttp = () => rawClient.get(rawServer.url);
    const times = options.quick ? 100 : 300;
    await p50(50, viaHttp);
    await p50(50, inProcess);
    await p50(50, viaRawHttp);
    const results = await interleave(rounds(options, 5), {
      imkit: () => p50(times, viaHttp),
      sql: () => p50(times, inProcess),
      rawHttp: () => p50(times, viaRawHttp),
    });
    const figure = `history page of 50 at ${count.toLocaleString('en')} messages: p50`;
    return [
      row(figure, 'ms', 'same SQL in process', results.imkit, results.sql, { atMost: 2 }),
      row(
        `${figure} (HTTP floor)`,
        'ms',
        'raw node:http serving that SQL as JSON',
        results.imkit,
        results.rawHttp,
      ),
    ];
  } finally {
    client.close();
    rawClient.close();
    raw?.close();
    db?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The history page benchmark. */
export const history: Benchmark = { name: 'history', run };

if (isMain(import.meta.url)) await runAlone(history);
