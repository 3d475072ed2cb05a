/**
 * Fan-out in a real group of 1,000 members: server CPU per delivered frame, deliveries per
 * second and latency to the last member's socket. imkit: a group (built through the HTTP API:
 * 1,000 friends of its owner, `createGroup` then the owner's `inviteGroupMembers`), every member
 * but the owner on one authenticated socket; the owner sends text messages to the group's
 * conversation. Baseline: a raw `ws` server whose `POST /relay` sends a same-size frame to 1,000
 * sockets. Each send is awaited until every socket got its frame; CPU is the server process's
 * user+system time over the round; latency runs from the start of a send to the frame on the
 * last socket. Setting up the group (1,000 registrations) is not measured.
 */
import { newClientMessageId } from '@imkit/sdk';
import type { WebSocket } from 'ws';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import type { ServerChild } from './harness/child.js';
import { groupOfFriends } from './harness/groupMembers.js';
import { withImkitAndRawWs } from './harness/imkitAndRawWs.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { postRelay, postText } from './harness/postText.js';
import { relayFrame } from './harness/relayFrame.js';
import { interleave, row } from './harness/rounds.js';
import { closeAll, openImkitSocket, openMany, openSocket } from './harness/sockets.js';
import { quantile } from './harness/stats.js';
import type { Row } from './harness/table.js';

/** How long the last frame of a send may take after its send started, in ms. */
const ARRIVAL_TIMEOUT_MS = 10_000;

/**
 * Counts the frames on `sockets` that `isDelivery` accepts; `reach(n)` resolves with the
 * `performance.now()` at which the `n`th such frame arrived (taken in the frame's handler), and
 * `uneven()` counts the sockets that did not get exactly their share (a lost or doubled frame).
 */
function arrivals(sockets: readonly WebSocket[], isDelivery: (data: Buffer) => boolean) {
  let frames = 0;
  let bytes = 0;
  const perSocket = sockets.map(() => 0);
  let waiting: { target: number; resolve: (at: number) => void } | undefined;
  for (const [i, ws] of sockets.entries()) {
    ws.on('message', (data: Buffer) => {
      if (!isDelivery(data)) return;
      frames += 1;
      perSocket[i] = (perSocket[i] as number) + 1;
      bytes = data.length;
      if (waiting && frames >= waiting.target) {
        waiting.resolve(performance.now());
        waiting = undefined;
      }
    });
  }
  return {
    frames: () => frames,
    lastBytes: () => bytes,
    uneven: () => perSocket.filter((n) => n !== frames / sockets.length).length,
    reach(target: number): Promise<number> {
      if (frames >= target) return Promise.resolve(performance.now());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(new Error(`group fan-out: ${target - frames} frames never arrived`));
        }, ARRIVAL_TIMEOUT_MS);
        waiting = {
          target,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
      });
    },
  };
}

/** One round's figures. */
interface RoundFigures {
  /** Server CPU per delivered frame, in µs. */
  cpuPerDelivery: number;
  /** Frames delivered per second of the round's wall time. */
  deliveriesPerSecond: number;
  /** Median over the round's sends of the time from a send's start to its last frame, in ms. */
  lastSocketP50: number;
}

/** Sends `messages` one after another, each awaited until all `sockets` frames arrived. */
async function measureRound(
  server: ServerChild,
  count: ReturnType<typeof arrivals>,
  sockets: number,
  sendOne: () => Promise<void>,
  messages: number,
): Promise<RoundFigures> {
  const latencies: number[] = [];
  const cpuBefore = await server.cpu();
  const began = performance.now();
  for (let i = 0; i < messages; i += 1) {
    const target = count.frames() + sockets;
    const start = performance.now();
    const [, last] = await Promise.all([sendOne(), count.reach(target)]);
    latencies.push(last - start);
  }
  const seconds = (performance.now() - began) / 1000;
  const cpu = (await server.cpu()) - cpuBefore;
  return {
    cpuPerDelivery: cpu / (messages * sockets),
    deliveriesPerSecond: (messages * sockets) / seconds,
    lastSocketP50: quantile(latencies, 0.5),
  };
}

/** True for imkit's `message.created` event frames (not hello, resync or ping). */
const isMessageCreated = (data: Buffer) => data.includes('"type":"message.created"');

async function run(options: BenchOptions): Promise<Row[]> {
  const sockets: WebSocket[] = [];
  try {
    return await withImkitAndRawWs('group-fanout', async (imkitServer, rawServer) => {
      const n = options.quick ? 250 : 1000;
      const group = await groupOfFriends(imkitServer.url, n);
      const tokens = group.members.map((member) => member.token).values();
      const imkitSockets = await openMany(n, () =>
        openImkitSocket(imkitServer.url, tokens.next().value as string),
      );
      sockets.push(...imkitSockets);
      const rawSockets = await openMany(n, () => openSocket(rawServer.url));
      sockets.push(...rawSockets);
      const imkitCount = arrivals(imkitSockets, isMessageCreated);
      const rawCount = arrivals(rawSockets, () => true);
      const { owner, conversationId } = group;
      const imkitSend = () =>
        postText(imkitServer.url, owner.token, conversationId, newClientMessageId());
      const messages = options.quick ? 10 : 50;
      await measureRound(imkitServer, imkitCount, n, imkitSend, 2);
      const frameBytes = imkitCount.lastBytes();
      const rawSend = () => postRelay(rawServer.url, relayFrame(newClientMessageId(), frameBytes));
      await measureRound(rawServer, rawCount, n, rawSend, 2);
      const results = await interleave(rounds(options, 5), {
        imkit: () => measureRound(imkitServer, imkitCount, n, imkitSend, messages),
        raw: () => measureRound(rawServer, rawCount, n, rawSend, messages),
      });
      for (const [side, count] of [
        ['imkit', imkitCount],
        ['raw', rawCount],
      ] as const) {
        const uneven = count.uneven();
        if (uneven > 0) throw new Error(`${side}: ${uneven} sockets did not get every frame once`);
      }
      const of = (side: RoundFigures[], key: keyof RoundFigures) => side.map((r) => r[key]);
      const members = `group of ${n.toLocaleString('en')} members`;
      const raw = `raw ws broadcast to ${n.toLocaleString('en')} sockets`;
      return [
        row(
          `${members}: server CPU per delivery`,
          'us',
          `${raw} (${frameBytes} B frame)`,
          of(results.imkit, 'cpuPerDelivery'),
          of(results.raw, 'cpuPerDelivery'),
          { atMost: 1.1 },
        ),
        row(
          `${members}: deliveries/s, sends one at a time`,
          'frames/s',
          raw,
          of(results.imkit, 'deliveriesPerSecond'),
          of(results.raw, 'deliveriesPerSecond'),
        ),
        row(
          `${members}: p50 from send to the last member's socket`,
          'ms',
          `${raw}, to its last socket`,
          of(results.imkit, 'lastSocketP50'),
          of(results.raw, 'lastSocketP50'),
        ),
      ];
    });
  } finally {
    await closeAll(sockets);
  }
}

/** The group fan-out benchmark: a real 1,000-member group against a raw `ws` broadcast. */
export const groupFanout: Benchmark = { name: 'group-fanout', run };

if (isMain(import.meta.url)) await runAlone(groupFanout);
