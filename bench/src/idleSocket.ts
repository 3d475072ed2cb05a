/**
 * Idle authenticated socket: the server's V8 heap per open realtime socket (after gc, in the
 * server process started with --expose-gc): heap with N sockets minus heap without, over N.
 * imkit's sockets are authenticated (`hello` received), spread over 10 users; baseline: a raw
 * `ws` server holding N open sockets.
 */
import type { WebSocket } from 'ws';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import type { ServerChild } from './harness/child.js';
import { withImkitAndRawWs } from './harness/imkitAndRawWs.js';
import { registerUser } from './harness/imkitUsers.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import { closeAll, openImkitSocket, openMany, openSocket, sleep } from './harness/sockets.js';
import type { Row } from './harness/table.js';

const USERS = 10;

/** Heap bytes per socket: opens `n` sockets, measures, closes them again. */
async function heapPerSocket(
  server: ServerChild,
  n: number,
  open: (i: number) => Promise<WebSocket>,
) {
  const before = await server.heap();
  let i = 0;
  const sockets = await openMany(n, () => open(i++));
  await sleep(300);
  const after = await server.heap();
  await closeAll(sockets);
  await sleep(300);
  return (after - before) / n / 1024;
}

async function run(options: BenchOptions): Promise<Row[]> {
  return withImkitAndRawWs('idle', async (imkitServer, rawServer) => {
    const users = await Promise.all(
      Array.from({ length: USERS }, () => registerUser(imkitServer.url)),
    );
    const n = options.quick ? 200 : 1000;
    const openImkit = (i: number) =>
      openImkitSocket(imkitServer.url, (users[i % USERS] as { token: string }).token);
    const openRaw = () => openSocket(rawServer.url);
    await heapPerSocket(imkitServer, n, openImkit);
    await heapPerSocket(rawServer, n, openRaw);
    const results = await interleave(rounds(options, 3), {
      imkit: () => heapPerSocket(imkitServer, n, openImkit),
      raw: () => heapPerSocket(rawServer, n, openRaw),
    });
    return [
      row(
        `idle authenticated socket (${n.toLocaleString('en')} open): V8 heap`,
        'KiB',
        'raw ws socket',
        results.imkit,
        results.raw,
        { atMost: 1.2 },
      ),
    ];
  });
}

/** The idle socket heap benchmark. */
export const idleSocket: Benchmark = { name: 'idle-socket', run };

if (isMain(import.meta.url)) await runAlone(idleSocket);
