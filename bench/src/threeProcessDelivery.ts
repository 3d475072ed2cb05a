/**
 * What three processes add to realtime delivery: three imkit server processes on one
 * PostgreSQL database and one Redis; a sender's sends go to process A and the recipient's
 * socket is on process B, so every frame crosses Redis (or is read back from the database when
 * Redis lost it). Baseline: one process on a database of its own, sender and recipient on it.
 * Both at 50 msg/s, a rate one process keeps up with on the reference machine (at 200 msg/s
 * a PostgreSQL process falls behind there, and queueing would hide the hop; see
 * `realtime-postgres`); p50 and p99, interleaved.
 */
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { imkitDelivery, measureDelivery } from './harness/deliveryLatency.js';
import { withPostgres } from './harness/imkitOnPostgres.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import type { Row } from './harness/table.js';

/** Messages per second of both measurements. */
const RATE = 50;

async function run(options: BenchOptions): Promise<Row[]> {
  const figure = `three processes on PostgreSQL + Redis: delivery at ${RATE} msg/s`;
  return withPostgres(figure, async ({ newStore, startImkit }) => {
    const one = await startImkit(await newStore());
    const clusterStore = await newStore();
    // The first process migrates the new database; the others find it ready.
    const a = await startImkit(clusterStore);
    const [b] = await Promise.all([startImkit(clusterStore), startImkit(clusterStore)]);
    const oneDelivery = await imkitDelivery(one);
    const crossDelivery = await imkitDelivery(a, b);
    await measureDelivery(oneDelivery, 1, RATE);
    await measureDelivery(crossDelivery, 1, RATE);
    const seconds = options.quick ? 2 : 8;
    const results = await interleave(rounds(options, 4), {
      one: () => measureDelivery(oneDelivery, seconds, RATE),
      three: () => measureDelivery(crossDelivery, seconds, RATE),
    });
    oneDelivery.ws.terminate();
    crossDelivery.ws.terminate();
    const baseline = 'one process, sender and recipient on it';
    return [
      row(
        `${figure}: p50, sender on A, recipient on B (via Redis)`,
        'ms',
        baseline,
        results.three.map((r) => r.p50),
        results.one.map((r) => r.p50),
      ),
      row(
        `${figure}: p99, sender on A, recipient on B`,
        'ms',
        baseline,
        results.three.map((r) => r.p99),
        results.one.map((r) => r.p99),
      ),
    ];
  });
}

/** Delivery across three processes on PostgreSQL + Redis. */
export const threeProcessDelivery: Benchmark = { name: 'three-process-delivery', run };

if (isMain(import.meta.url)) await runAlone(threeProcessDelivery);
