/**
 * Realtime delivery on PostgreSQL + Redis: the realtime benchmark's measurement (start of a
 * send to the recipient's `message.created` frame, p50 and p99) against one imkit process on a
 * database of the bench's own, with the raw `ws` relay as its baseline, as on SQLite: at 200
 * msg/s (the SQLite figure's rate), and at 50 msg/s, where the process is not near its limit
 * on the reference machine, so the figure is the path itself rather than queueing. Sender and
 * recipient are on the same process; every acknowledged message must arrive.
 */
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { imkitDelivery, measureDelivery, rawWsDelivery } from './harness/deliveryLatency.js';
import { withPostgres } from './harness/imkitOnPostgres.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import type { Row } from './harness/table.js';

async function run(options: BenchOptions): Promise<Row[]> {
  const figure = 'realtime delivery on PostgreSQL + Redis';
  return withPostgres(figure, async ({ newStore, startImkit, start }) => {
    const imkit = await imkitDelivery(await startImkit(await newStore()));
    const raw = await rawWsDelivery(await start('rawWs'), imkit.frameBytes);
    await measureDelivery(imkit, 1);
    await measureDelivery(raw, 1);
    const seconds = options.quick ? 1 : 5;
    const at200 = await interleave(rounds(options, 5), {
      imkit: () => measureDelivery(imkit, seconds, 200),
      raw: () => measureDelivery(raw, seconds, 200),
    });
    const at50 = await interleave(rounds(options, 3), {
      imkit: () => measureDelivery(imkit, seconds, 50),
      raw: () => measureDelivery(raw, seconds, 50),
    });
    imkit.ws.terminate();
    raw.ws.terminate();
    const name = `raw ws relay (${imkit.frameBytes()} B frame)`;
    const rows = (rate: number, results: typeof at200, goal: boolean) => [
      row(
        `${figure} at ${rate} msg/s: p50`,
        'ms',
        name,
        results.imkit.map((r) => r.p50),
        results.raw.map((r) => r.p50),
        goal ? { atMost: 2 } : undefined,
      ),
      row(
        `${figure} at ${rate} msg/s: p99`,
        'ms',
        name,
        results.imkit.map((r) => r.p99),
        results.raw.map((r) => r.p99),
      ),
    ];
    return [...rows(200, at200, true), ...rows(50, at50, false)];
  });
}

/** The realtime delivery benchmark on PostgreSQL + Redis. */
export const realtimePostgres: Benchmark = { name: 'realtime-postgres', run };

if (isMain(import.meta.url)) await runAlone(realtimePostgres);
