/**
 * Durable text send on PostgreSQL + Redis: the send benchmark's load (autocannon, 32
 * connections, 16 senders, a fresh client_message_id per request) against one imkit process
 * on a database of the bench's own, with the raw node:http JSON hello as its baseline, as on
 * SQLite. Figures: req/s, p99 latency, server CPU per request (the imkit process only, not
 * PostgreSQL's or Redis's), and the sends per group-commit transaction. Every acknowledged send
 * must be in the database afterwards.
 */
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { withPostgres } from './harness/imkitOnPostgres.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import { sendLoad as load, sendersOf } from './harness/sendLoad.js';
import { storedLoad } from './harness/storedLoad.js';
import type { Row } from './harness/table.js';

async function run(options: BenchOptions): Promise<Row[]> {
  const figure = 'durable send on PostgreSQL + Redis';
  return withPostgres(figure, async ({ newStore, startImkit, start }) => {
    const store = await newStore();
    const imkit = await startImkit(store);
    const raw = await start('rawHttp');
    const senders = await sendersOf(imkit.url);
    const seconds = options.quick ? 2 : 5;
    await storedLoad(store, imkit, senders, 1);
    await load(raw, senders, 1);
    const runs = await interleave(rounds(options, 3), {
      imkit: () => storedLoad(store, imkit, senders, seconds),
      raw: () => load(raw, senders, seconds),
    });
    const rawHello = 'raw node:http JSON hello';
    return [
      row(
        `${figure}, 32 conn: req/s`,
        'req/s',
        rawHello,
        runs.imkit.map((r) => r.reqPerSec),
        runs.raw.map((r) => r.reqPerSec),
        { atLeast: 0.25 },
      ),
      row(
        `${figure}: p99 latency`,
        'ms',
        rawHello,
        runs.imkit.map((r) => r.p99Ms),
        runs.raw.map((r) => r.p99Ms),
        { atMost: 10 },
      ),
      row(
        `${figure}: server CPU per request (imkit process)`,
        'ms',
        rawHello,
        runs.imkit.map((r) => r.cpuPerRequestMs),
        runs.raw.map((r) => r.cpuPerRequestMs),
      ),
      row(
        `${figure}: sends per transaction (group commit)`,
        'sends',
        '',
        runs.imkit.map((r) => r.sendsPerBatch),
      ),
    ];
  });
}

/** The send benchmark on PostgreSQL + Redis. */
export const sendPostgres: Benchmark = { name: 'send-postgres', run };

if (isMain(import.meta.url)) await runAlone(sendPostgres);
