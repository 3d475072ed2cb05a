/**
 * Realtime delivery at 200 msg/s: the time from the start of a send (POST over a keep-alive
 * connection) to the recipient's `message.created` frame, p50 and p99. Baseline: a raw `ws`
 * server whose `POST /relay` sends the same-size JSON frame to the socket.
 */
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { imkitDelivery, measureDelivery, rawWsDelivery } from './harness/deliveryLatency.js';
import { withImkitAndRawWs } from './harness/imkitAndRawWs.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import type { Row } from './harness/table.js';

async function run(options: BenchOptions): Promise<Row[]> {
  return withImkitAndRawWs('realtime', async (imkitServer, rawServer) => {
    const imkit = await imkitDelivery(imkitServer);
    await measureDelivery(imkit, 1);
    const raw = await rawWsDelivery(rawServer, imkit.frameBytes);
    await measureDelivery(raw, 1);
    const seconds = options.quick ? 1 : 5;
    const results = await interleave(rounds(options, 5), {
      imkit: () => measureDelivery(imkit, seconds),
      raw: () => measureDelivery(raw, seconds),
    });
    imkit.ws.terminate();
    raw.ws.terminate();
    const name = `raw ws relay (${imkit.frameBytes()} B frame)`;
    return [
      row(
        'realtime delivery at 200 msg/s: p50',
        'ms',
        name,
        results.imkit.map((r) => r.p50),
        results.raw.map((r) => r.p50),
        { atMost: 2 },
      ),
      row(
        'realtime delivery at 200 msg/s: p99',
        'ms',
        name,
        results.imkit.map((r) => r.p99),
        results.raw.map((r) => r.p99),
      ),
    ];
  });
}

/** The realtime delivery benchmark. */
export const realtime: Benchmark = { name: 'realtime', run };

if (isMain(import.meta.url)) await runAlone(realtime);
