/**
 * What three processes add to send throughput: the send load (autocannon, 32 connections, 16
 * senders in 8 conversations, both members of each sending) spread over the ports of three
 * imkit server processes on one PostgreSQL database and one Redis (connection i goes to
 * process i mod 3, so the two members of a conversation often send through different
 * processes), against all of it on one process with a database of its own; interleaved.
 * Figures: req/s, p99, server CPU per request (the three processes' CPU added up, PostgreSQL's
 * and Redis's not counted), group-commit transactions per second of all processes together
 * (each takes the stream head's counter row, so they commit one at a time), the answers other
 * than 2xx the servers sent (counted, not fatal: how the servers answer under this load is part
 * of the figure; counted by the servers themselves, so answers autocannon stopped waiting for
 * count too), and the deadlocks PostgreSQL detected between the processes' transactions. On a 2-core machine the three
 * processes, PostgreSQL, Redis and the load generator share the same two cores.
 */
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { deadlocksIn } from './harness/deadlocks.js';
import { withPostgres } from './harness/imkitOnPostgres.js';
import { type BenchOptions, rounds } from './harness/options.js';
import type { PostgresStore } from './harness/postgresStore.js';
import { interleave, row } from './harness/rounds.js';
import { type Load, sendersOf } from './harness/sendLoad.js';
import { type StoredLoad, storedLoad } from './harness/storedLoad.js';
import type { Row } from './harness/table.js';

async function run(options: BenchOptions): Promise<Row[]> {
  const figure = 'three processes on PostgreSQL + Redis: send';
  return withPostgres(figure, async ({ newStore, startImkit }) => {
    const oneStore = await newStore();
    const one = await startImkit(oneStore);
    const clusterStore = await newStore();
    // The first process migrates the new database; the others find it ready.
    const a = await startImkit(clusterStore);
    const three = [a, ...(await Promise.all([startImkit(clusterStore), startImkit(clusterStore)]))];
    const [oneSenders, clusterSenders] = await Promise.all([sendersOf(one.url), sendersOf(a.url)]);
    // Deadlocks stall a transaction for PostgreSQL's deadlock_timeout (1 s): even --quick
    // needs rounds of several seconds to see sends acknowledged.
    const seconds = 5;
    const counted = { countFailures: true };
    // The warm-up may see no send acknowledged at all; its sends still count below.
    const warm = await Promise.all([
      storedLoad(oneStore, one, oneSenders, 2, counted).catch(() => undefined),
      storedLoad(clusterStore, three, clusterSenders, 2, counted).catch(() => undefined),
    ]);
    const runs = await interleave(rounds(options, 3), {
      one: () => storedLoad(oneStore, one, oneSenders, seconds, counted),
      three: () => storedLoad(clusterStore, three, clusterSenders, seconds, counted),
    });
    // Backends report their deadlock counts for sure when they exit.
    await Promise.all([one, ...three].map((server) => server.stop()));
    const sends = (loads: (Load | undefined)[]) =>
      loads.reduce((sum, l) => sum + (l?.requests ?? 0), 0);
    const perThousand = (count: number, n: number) => (count * 1000) / n;
    const deadlocks = async (store: PostgresStore, loads: (Load | undefined)[]) =>
      perThousand(await deadlocksIn(store), sends(loads));
    const oneDeadlocks = await deadlocks(oneStore, [...runs.one, warm[0]]);
    const threeDeadlocks = await deadlocks(clusterStore, [...runs.three, warm[1]]);
    const refusedPerThousand = (loads: StoredLoad[]) =>
      loads.map((l) => {
        const answered = Object.values(l.answers).reduce((sum, n) => sum + n, 0);
        return perThousand(l.refused, answered);
      });
    const refusals = [...runs.one, ...runs.three].flatMap((l) =>
      Object.entries(l.answers).filter(([status]) => !status.startsWith('2')),
    );
    const refusedStatuses = new Map<string, number>();
    for (const [status, n] of refusals) {
      refusedStatuses.set(status, (refusedStatuses.get(status) ?? 0) + n);
    }
    const oneLoad = 'one process, all 32 connections';
    return [
      row(
        `${figure} req/s, 32 conn spread over the three`,
        'req/s',
        oneLoad,
        runs.three.map((r) => r.reqPerSec),
        runs.one.map((r) => r.reqPerSec),
      ),
      row(
        `${figure} p99 latency`,
        'ms',
        oneLoad,
        runs.three.map((r) => r.p99Ms),
        runs.one.map((r) => r.p99Ms),
      ),
      row(
        `${figure}: server CPU per request (the three added up)`,
        'ms',
        oneLoad,
        runs.three.map((r) => r.cpuPerRequestMs),
        runs.one.map((r) => r.cpuPerRequestMs),
      ),
      row(
        `${figure}: transactions committed per second, all processes`,
        'tx/s',
        oneLoad,
        runs.three.map((r) => r.batchesPerSec),
        runs.one.map((r) => r.batchesPerSec),
      ),
      row(
        `${figure}: sends per transaction`,
        'sends',
        oneLoad,
        runs.three.map((r) => r.sendsPerBatch),
        runs.one.map((r) => r.sendsPerBatch),
      ),
      row(
        `${figure}: answers other than 2xx per 1,000 (counted by the servers)`,
        '',
        `one process: ${Math.max(...refusedPerThousand(runs.one)).toFixed(1)} at most`,
        refusedPerThousand(runs.three),
      ),
      row(
        `${figure}: deadlocks PostgreSQL detected per 1,000 acknowledged sends, warm-up included`,
        '',
        `one process: ${oneDeadlocks.toFixed(1)}`,
        [threeDeadlocks],
      ),
      ...(refusedStatuses.size > 0
        ? [
            {
              figure: `${figure}: those answers, all rounds: ${[...refusedStatuses].map(([status, n]) => `${n} x ${status}`).join(', ')} (the servers' logs say why: IMKIT_BENCH_LOG_LEVEL=warn)`,
              unit: '',
              baselineName: '',
            },
          ]
        : []),
    ];
  });
}

/** Send throughput of three processes on PostgreSQL + Redis. */
export const threeProcessSend: Benchmark = { name: 'three-process-send', run };

if (isMain(import.meta.url)) await runAlone(threeProcessSend);
