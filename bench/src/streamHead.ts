/**
 * What the stream head's counter row costs. imkit's event positions come from one row
 * (`stream_head`), updated as the last write of every group-commit transaction and locked
 * until COMMIT, so transactions that append events commit one at a time, in position order,
 * across all server processes. The alternative it prices is a PostgreSQL sequence, whose
 * positions need no lock but are not handed out in commit order (a reader can see 42 before 41
 * commits, which is why imkit does not use it).
 *
 * Three writers (connections of the bench process, standing for three server processes' write
 * batchers) run a send's writes back to back for a few seconds: per transaction, `k` units of
 * SAVEPOINT, take the conversation's next seq, insert the message, move the sender's read
 * position, RELEASE; then the events, with positions from the counter row (imkit's SQL) or
 * from a sequence (the baseline); then COMMIT. Each writer has conversations of its own, so
 * only the stream head is shared. Figure: transactions committed per second, all writers
 * together, with one send per transaction (the counter's worst case) and with 16 (what a busy
 * process's group commit gathers, see the send benchmark on PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { withPostgres } from './harness/imkitOnPostgres.js';
import { friendPair } from './harness/imkitUsers.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import type { Row } from './harness/table.js';

const WRITERS = 3;
const CONVERSATIONS_PER_WRITER = 2;
/** A sequence far above the counter's positions, so the two kinds of rows never collide. */
const SEQUENCE = 'bench_stream_positions';

/** A conversation and one of its members, who sends into it. */
type Conversation = { id: string; senderId: string };

/** Where the events' positions come from. */
type Positions = 'counter' | 'sequence';

/** One send's writes, as imkit's `storeMessage` runs them, under its unit's savepoint. */
async function sendUnit(client: pg.Client, conversation: Conversation, at: string) {
  await client.query('savepoint unit_of_work');
  const next = await client.query<{ last_message_seq: number }>(
    'update conversations set last_message_seq = last_message_seq + 1, updated_at = $1 where id = $2 returning last_message_seq',
    [at, conversation.id],
  );
  const seq = next.rows[0]?.last_message_seq;
  await client.query(
    'insert into messages (conversation_id, seq, id, sender_id, client_message_id, content, created_at) values ($1, $2, $3, $4, $5, $6, $7)',
    [
      conversation.id,
      seq,
      randomUUID(),
      conversation.senderId,
      randomUUID(),
      '{"type":"text","text":"hello"}',
      at,
    ],
  );
  await client.query(
    'update conversation_members set last_read_seq = $1 where conversation_id = $2 and user_id = $3',
    [seq, conversation.id, conversation.senderId],
  );
  await client.query('release unit_of_work');
}

/** The events of `count` sends, appended last, with positions from `positions`. */
async function appendEvents(
  client: pg.Client,
  conversations: Conversation[],
  positions: Positions,
  at: string,
) {
  const payload = '{"type":"message.created","data":{}}';
  const values: unknown[] = [];
  const rows: string[] = [];
  let first = 0;
  if (positions === 'counter') {
    const head = await client.query<{ position: string }>(
      'update stream_head set position = position + $1 where id = 1 returning position',
      [conversations.length],
    );
    first = Number(head.rows[0]?.position) - conversations.length + 1;
  }
  conversations.forEach((conversation, i) => {
    const n = values.length;
    if (positions === 'counter') {
      values.push(first + i, conversation.id, payload, at);
      rows.push(`($${n + 1}, 'message.created', $${n + 2}, $${n + 3}, $${n + 4})`);
    } else {
      values.push(conversation.id, payload, at);
      rows.push(`(nextval('${SEQUENCE}'), 'message.created', $${n + 1}, $${n + 2}, $${n + 3})`);
    }
  });
  await client.query(
    `insert into events (position, type, conversation_id, payload, created_at) values ${rows.join(', ')}`,
    values,
  );
}

/** One writer's loop: transactions of `perTransaction` sends until `until`; returns commits. */
async function writer(
  client: pg.Client,
  conversations: Conversation[],
  perTransaction: number,
  positions: Positions,
  until: number,
): Promise<number> {
  let commits = 0;
  while (performance.now() < until) {
    const at = new Date().toISOString();
    const sends = Array.from(
      { length: perTransaction },
      (_, i) => conversations[i % conversations.length] as Conversation,
    );
    await client.query('begin');
    for (const conversation of sends) await sendUnit(client, conversation, at);
    await appendEvents(client, sends, positions, at);
    await client.query('commit');
    commits += 1;
  }
  return commits;
}

/** All writers at once for `seconds`; returns transactions committed per second. */
async function commitsPerSecond(
  clients: pg.Client[],
  conversations: Conversation[][],
  perTransaction: number,
  positions: Positions,
  seconds: number,
): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const commits = await Promise.all(
    clients.map((client, w) =>
      writer(client, conversations[w] as Conversation[], perTransaction, positions, until),
    ),
  );
  return commits.reduce((sum, n) => sum + n, 0) / seconds;
}

async function run(options: BenchOptions): Promise<Row[]> {
  const figure = `stream head counter row, ${WRITERS} writers`;
  return withPostgres(figure, async ({ newStore, startImkit }) => {
    const store = await newStore();
    // The server migrates the database and creates the users and conversations.
    const server = await startImkit(store);
    const pairs = await Promise.all(
      Array.from({ length: WRITERS * CONVERSATIONS_PER_WRITER }, () => friendPair(server.url)),
    );
    await server.stop();
    await store.query(`create sequence ${SEQUENCE} start 1000000000000`);
    const conversations = Array.from({ length: WRITERS }, (_, w) =>
      pairs
        .slice(w * CONVERSATIONS_PER_WRITER, (w + 1) * CONVERSATIONS_PER_WRITER)
        .map((p) => ({ id: p.conversationId, senderId: p.a.id })),
    );
    const clients = Array.from({ length: WRITERS }, () => new pg.Client(store.url));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const seconds = options.quick ? 1 : 3;
      const measure =
        (perTransaction: number, positions: Positions, s = seconds) =>
        () =>
          commitsPerSecond(clients, conversations, perTransaction, positions, s);
      await measure(1, 'counter', 1)();
      await measure(1, 'sequence', 1)();
      const results = await interleave(rounds(options, 3), {
        counter1: measure(1, 'counter'),
        sequence1: measure(1, 'sequence'),
        counter16: measure(16, 'counter'),
        sequence16: measure(16, 'sequence'),
      });
      const baseline = 'positions from a sequence (not in commit order)';
      return [
        row(
          `${figure}, 1 send per transaction: commits/s`,
          'tx/s',
          baseline,
          results.counter1,
          results.sequence1,
        ),
        row(
          `${figure}, 16 sends per transaction: commits/s`,
          'tx/s',
          baseline,
          results.counter16,
          results.sequence16,
        ),
      ];
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
}

/** The stream head counter's cost on PostgreSQL. */
export const streamHead: Benchmark = { name: 'stream-head', run };

if (isMain(import.meta.url)) await runAlone(streamHead);
