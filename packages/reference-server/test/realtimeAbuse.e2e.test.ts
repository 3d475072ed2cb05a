import fs from 'node:fs';
import { createRequire } from 'node:module';
import { defaultConfig } from '@imkit/reference-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticatedRealtime, closeWithin, type RawRealtime } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** An `ack` frame made invalid by `count` extra properties whose names are `nameLength` long. */
function wideAck(count: number, nameLength = 8): string {
  const frame: Record<string, unknown> = { type: 'ack', position: 1 };
  for (let i = 0; i < count; i += 1) frame[`p${i}`.padEnd(nameLength, 'x')] = 1;
  return JSON.stringify(frame);
}

async function bobSocket(server: TestServer): Promise<RawRealtime> {
  const bob = await registerUser(server.url, 'abuse');
  return authenticatedRealtime(server.url, (await bob.client.getAccessToken())!);
}

/** Heap plus buffers outside the heap (socket buffers live there), in bytes. */
const memory = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};

describe('realtime limits', () => {
  it('documents the default limits in the spec (x-realtime-limits)', () => {
    const file = createRequire(import.meta.url).resolve('@imkit/openapi/openapi.json');
    const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
    const limits = spec.paths['/realtime'].get['x-realtime-limits'];
    expect(limits).toMatchObject({
      max_frame_bytes: defaultConfig.realtimeMaxFrameBytes,
      frame_burst: defaultConfig.realtimeFrameBurst,
      frames_per_second: defaultConfig.realtimeFramesPerSecond,
      max_buffered_bytes: defaultConfig.realtimeMaxBufferedBytes,
      replay_batch_size: defaultConfig.realtimeReplayBatchSize,
      max_resume_backlog: defaultConfig.maxResumeBacklog,
    });
  });

  it('closes a socket that sends a frame over the frame size limit with 1009 (issue 6 #1)', async () => {
    const socket = await bobSocket(t);
    socket.send(wideAck(2000));
    expect(await closeWithin(socket, 5000)).toBe(1009);
  });

  it('reports only the first field error of an over-wide frame (issue 6 #1)', async () => {
    const socket = await bobSocket(t);
    socket.send(wideAck(300));
    const answer = await socket.frame((frame) => frame.error?.code === 'realtime.invalid_frame');
    expect(answer.error?.errors).toHaveLength(1);
    expect(answer.error?.errors_total).toBeUndefined();
    socket.ws.close();
  });

  it('closes a socket that floods invalid frames with 4429 (issue 6 #1)', async () => {
    const socket = await bobSocket(t);
    for (let i = 0; i < 30; i += 1) socket.send({ type: 'ack' });
    expect(await closeWithin(socket, 5000)).toBe(4429);
    expect(socket.frames.at(-1)).toMatchObject({ error: { code: 'realtime.rate_limited' } });
    expect(socket.frames.filter((frame) => frame.type === 'error').length).toBeLessThan(15);
  });

  it('closes a non-reading socket flooding wide invalid frames; memory and /health stay fine (issue 6 #1)', async () => {
    const socket = await bobSocket(t);
    const before = memory();
    const latencies: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const start = performance.now();
        await fetch(`${t.url}/health`);
        latencies.push(performance.now() - start);
      }
    })();
    socket.ws.pause();
    const frame = wideAck(1000);
    for (let i = 0; i < 400; i += 1) socket.send(frame);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const growth = memory() - before;
    socket.ws.resume();
    expect(await closeWithin(socket, 5000)).toBe(4429);
    polling = false;
    await poll;
    expect(growth).toBeLessThan(100 * 1024 * 1024);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });
});

describe('slow consumers', () => {
  let loose: TestServer;
  beforeAll(async () => {
    loose = await startTestServer({
      realtimeFrameBurst: 1_000_000,
      realtimeFramesPerSecond: 1_000_000,
      realtimeMaxBufferedBytes: 64 * 1024,
    });
  });
  afterAll(() => loose.close());

  it('closes a socket that stops reading with 4503 once its unsent data passes the limit (issue 6 #1)', async () => {
    const socket = await bobSocket(loose);
    socket.ws.pause();
    const frame = wideAck(1, 400);
    for (let i = 0; i < 20_000; i += 1) socket.send(frame);
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.ws.resume();
    expect(await closeWithin(socket, 10_000)).toBe(4503);
    expect(socket.frames.at(-1)).toMatchObject({ error: { code: 'realtime.slow_consumer' } });
  });
});
