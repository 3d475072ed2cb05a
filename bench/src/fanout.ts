/**
 * Fan-out to 1,000 sockets: server CPU per delivered frame. imkit: one user connected on 1,000
 * sockets (devices) receives each message its friend sends; baseline: a raw `ws` server whose
 * `POST /relay` sends the same-size frame to 1,000 sockets. Each send waits until every socket
 * got its frame; CPU is the server process's user+system time over the whole batch.
 */
import { newClientMessageId } from '@imkit/sdk';
import type { WebSocket } from 'ws';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import type { ServerChild } from './harness/child.js';
import { withImkitAndRawWs } from './harness/imkitAndRawWs.js';
import { friendPair } from './harness/imkitUsers.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { postRelay, postText } from './harness/postText.js';
import { relayFrame } from './harness/relayFrame.js';
import { interleave, row } from './harness/rounds.js';
import { closeAll, openImkitSocket, openMany, openSocket, sleep } from './harness/sockets.js';
import type { Row } from './harness/table.js';

/** Counts frames on every socket; `until(n)` waits until `n` frames arrived in all. */
function counter(sockets: readonly WebSocket[]) {
  let frames = 0;
  let bytes = 0;
  for (const ws of sockets) {
    ws.on('message', (data: Buffer) => {
      frames += 1;
      bytes = data.length;
    });
  }
  return {
    frames: () => frames,
    lastBytes: () => bytes,
    async until(n: number) {
      for (let waited = 0; frames < n; waited += 1) {
        if (waited > 10_000) throw new Error(`fan-out: ${n - frames} frames never arrived`);
        await sleep(1);
      }
    },
  };
}

/** Server CPU (µs) per delivered frame over `messages` sends, each awaited until fully delivered. */
async function cpuPerDelivery(
  server: ServerChild,
  count: ReturnType<typeof counter>,
  sockets: number,
  sendOne: () => Promise<void>,
  messages: number,
) {
  const before = await server.cpu();
  for (let i = 0; i < messages; i += 1) {
    const target = count.frames() + sockets;
    await sendOne();
    await count.until(target);
  }
  return ((await server.cpu()) - before) / (messages * sockets);
}

async function run(options: BenchOptions): Promise<Row[]> {
  const sockets: WebSocket[] = [];
  try {
    return await withImkitAndRawWs('fanout', async (imkitServer, rawServer) => {
      const n = options.quick ? 250 : 1000;
      const { a, b, conversationId } = await friendPair(imkitServer.url);
      const imkitSockets = await openMany(n, () => openImkitSocket(imkitServer.url, b.token));
      sockets.push(...imkitSockets);
      const rawSockets = await openMany(n, () => openSocket(rawServer.url));
      sockets.push(...rawSockets);
      const imkitCount = counter(imkitSockets);
      const rawCount = counter(rawSockets);
      const imkitSend = () =>
        postText(imkitServer.url, a.token, conversationId, newClientMessageId());
      await imkitSend();
      await imkitCount.until(n);
      const frameBytes = imkitCount.lastBytes();
      const rawSend = () => postRelay(rawServer.url, relayFrame(newClientMessageId(), frameBytes));
      const messages = options.quick ? 5 : 20;
      await cpuPerDelivery(rawServer, rawCount, n, rawSend, 2);
      const results = await interleave(rounds(options, 5), {
        imkit: () => cpuPerDelivery(imkitServer, imkitCount, n, imkitSend, messages),
        raw: () => cpuPerDelivery(rawServer, rawCount, n, rawSend, messages),
      });
      return [
        row(
          `fan-out to ${n.toLocaleString('en')} sockets: server CPU per delivery`,
          'us',
          `raw ws broadcast (${frameBytes} B frame)`,
          results.imkit,
          results.raw,
          { atMost: 1.1 },
        ),
      ];
    });
  } finally {
    await closeAll(sockets);
  }
}

/** The fan-out benchmark. */
export const fanout: Benchmark = { name: 'fanout', run };

if (isMain(import.meta.url)) await runAlone(fanout);
