import { newClientMessageId } from '@imkit/sdk';
import type { WebSocket } from 'ws';
import type { ServerChild } from './child.js';
import { friendPair } from './imkitUsers.js';
import { postRelay, postText } from './postText.js';
import { relayFrame } from './relayFrame.js';
import { openImkitSocket, openSocket, sleep } from './sockets.js';
import { quantile } from './stats.js';

/** Messages per second the delivery benchmarks send (open loop). */
export const DELIVERY_RATE = 200;

/** How long a frame may take to arrive after the last send before it counts as lost, in ms. */
const ARRIVAL_GRACE_MS = 5000;

/**
 * A path a message travels: `sendOne(id)` sends a message carrying client id `id` (resolving
 * once the server answered), and the frame that delivers it arrives on `ws`, where `idOf`
 * finds that id again (undefined for frames that deliver no message).
 */
export interface DeliveryPath {
  ws: WebSocket;
  idOf(frame: string): string | undefined;
  sendOne(id: string): Promise<unknown>;
}

/** Delivery latency percentiles of one measurement, in ms. */
export interface DeliveryLatency {
  p50: number;
  p99: number;
}

/**
 * Sends `rate` messages per second (default {@link DELIVERY_RATE}) along `path` for `seconds`
 * (open loop: each send starts on schedule, whether or not earlier ones were answered) and
 * measures, per message, the time from the start of its send to its frame.
 * @throws Error when a send fails, or when frames are still missing 5 s after the last send.
 */
export async function measureDelivery(
  path: DeliveryPath,
  seconds: number,
  rate = DELIVERY_RATE,
): Promise<DeliveryLatency> {
  const { ws, idOf, sendOne } = path;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const onMessage = (data: unknown) => {
    const id = idOf(String(data));
    const start = id === undefined ? undefined : sentAt.get(id);
    if (start !== undefined) latencies.push(performance.now() - start);
  };
  ws.on('message', onMessage);
  const count = Math.round(rate * seconds);
  const began = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const id = newClientMessageId();
    sentAt.set(id, performance.now());
    pending.push(sendOne(id));
  }
  await Promise.all(pending);
  for (let waited = 0; latencies.length < count && waited < ARRIVAL_GRACE_MS; waited += 10) {
    await sleep(10);
  }
  ws.off('message', onMessage);
  if (latencies.length < count) {
    throw new Error(
      `delivery: ${count - latencies.length} of ${count} acknowledged messages never arrived within ${ARRIVAL_GRACE_MS} ms`,
    );
  }
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

/**
 * imkit's path: two new friends; the first sends text messages over HTTP to `sendServer`,
 * the second's realtime socket is on `receiveServer` (the same server, or another process on
 * the same database and Redis), and `message.created` frames carry the client id.
 * `frameBytes()` is the size of the last such frame (for a same-size raw baseline).
 */
export async function imkitDelivery(
  sendServer: ServerChild,
  receiveServer: ServerChild = sendServer,
): Promise<DeliveryPath & { frameBytes(): number }> {
  const { a, b, conversationId } = await friendPair(sendServer.url);
  const ws = await openImkitSocket(receiveServer.url, b.token);
  let frameBytes = 0;
  return {
    ws,
    sendOne: (id) => postText(sendServer.url, a.token, conversationId, id),
    idOf(frame) {
      const parsed = JSON.parse(frame) as {
        event?: { type: string; data: { client_message_id?: string } };
      };
      if (parsed.event?.type !== 'message.created') return undefined;
      frameBytes = Buffer.byteLength(frame);
      return parsed.event.data.client_message_id;
    },
    frameBytes: () => frameBytes,
  };
}

/**
 * The raw `ws` baseline's path: `POST /relay` with a frame shaped like imkit's, padded to
 * `frameBytes()` bytes, which the server sends to the socket as it is.
 */
export async function rawWsDelivery(
  server: ServerChild,
  frameBytes: () => number,
): Promise<DeliveryPath> {
  const ws = await openSocket(server.url);
  return {
    ws,
    sendOne: (id) => postRelay(server.url, relayFrame(id, frameBytes())),
    idOf: (frame) =>
      (JSON.parse(frame) as { event: { data: { client_message_id: string } } }).event.data
        .client_message_id,
  };
}
