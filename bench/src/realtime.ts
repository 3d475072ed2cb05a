/**
 * Realtime delivery at 200 msg/s: the time from the start of a send (POST over a keep-alive
 * connection) to the recipient's `message.created` frame, p50 and p99. Baseline: a raw `ws`
 * server whose `POST /relay` sends the same-size JSON frame to the socket.
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
import { openImkitSocket, openSocket, sleep } from './harness/sockets.js';
import { quantile } from './harness/stats.js';
import type { Row } from './harness/table.js';

const RATE = 200;

/** Sends one message; resolves with its id once the server answered. */
type SendOne = (id: string) => Promise<unknown>;

/** Sends at RATE/s for `seconds` (open loop) and returns each message's delivery latency in ms. */
async function measure(
  ws: WebSocket,
  idOf: (frame: string) => string | undefined,
  sendOne: SendOne,
  seconds: number,
) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const onMessage = (data: unknown) => {
    const id = idOf(String(data));
    const start = id === undefined ? undefined : sentAt.get(id);
    if (start !== undefined) latencies.push(performance.now() - start);
  };
  ws.on('message', onMessage);
  const count = RATE * seconds;
  const began = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const wait = began + (i * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    const id = newClientMessageId();
    sentAt.set(id, performance.now());
    pending.push(sendOne(id));
  }
  await Promise.all(pending);
  for (let waited = 0; latencies.length < count && waited < 5000; waited += 10) await sleep(10);
  ws.off('message', onMessage);
  if (latencies.length < count)
    throw new Error(`realtime: ${count - latencies.length} frames never arrived`);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

async function imkitSetup(server: ServerChild) {
  const { a, b, conversationId } = await friendPair(server.url);
  const ws = await openImkitSocket(server.url, b.token);
  const sendOne: SendOne = (id) => postText(server.url, a.token, conversationId, id);
  let frameBytes = 0;
  const idOf = (frame: string) => {
    const parsed = JSON.parse(frame) as {
      type: string;
      event?: { type: string; data: { client_message_id?: string } };
    };
    if (parsed.event?.type !== 'message.created') return undefined;
    frameBytes = Buffer.byteLength(frame);
    return parsed.event.data.client_message_id;
  };
  return { ws, sendOne, idOf, frameBytes: () => frameBytes };
}

async function rawSetup(server: ServerChild, frameBytes: () => number) {
  const ws = await openSocket(server.url);
  const sendOne: SendOne = (id) => postRelay(server.url, relayFrame(id, frameBytes()));
  const idOf = (frame: string) =>
    (JSON.parse(frame) as { event: { data: { client_message_id: string } } }).event.data
      .client_message_id;
  return { ws, sendOne, idOf };
}

async function run(options: BenchOptions): Promise<Row[]> {
  return withImkitAndRawWs('realtime', async (imkitServer, rawServer) => {
    const imkit = await imkitSetup(imkitServer);
    await measure(imkit.ws, imkit.idOf, imkit.sendOne, 1);
    const raw = await rawSetup(rawServer, imkit.frameBytes);
    await measure(raw.ws, raw.idOf, raw.sendOne, 1);
    const seconds = options.quick ? 1 : 5;
    const results = await interleave(rounds(options, 5), {
      imkit: () => measure(imkit.ws, imkit.idOf, imkit.sendOne, seconds),
      raw: () => measure(raw.ws, raw.idOf, raw.sendOne, seconds),
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
