import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, RealtimeClientFrame } from '../src/generated/openapi.js';
import { isImkitError } from '../src/ImkitError.js';
import { createImkitClient } from '../src/node.js';
import type { RealtimeClient } from '../src/realtime/RealtimeClient.js';
import type { RealtimeOptions } from '../src/realtime/types.js';
import { MemoryTokenStore } from '../src/tokenStore.js';
import { storedTokens } from './fakeFetch.js';
import { type FakeServerOptions, startFakeRealtimeServer } from './fakeRealtimeServer.js';

/** Waits for an assertion to pass; generous, because CI machines can be busy. */
const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 5000, interval: 10 });

type FakeServer = Awaited<ReturnType<typeof startFakeRealtimeServer>>;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(serverOptions: FakeServerOptions = {}, options: RealtimeOptions = {}) {
  const server: FakeServer = await startFakeRealtimeServer(serverOptions);
  const client = createImkitClient({
    baseUrl: server.baseUrl,
    tokenStore: new MemoryTokenStore(storedTokens(1)),
  });
  const realtime: RealtimeClient = client.realtime({
    reconnect: { initialDelayMs: 20, maxDelayMs: 50 },
    ...options,
  });
  const delivered: number[] = [];
  realtime.on('message.created', (_message: Message, meta) => delivered.push(meta.position));
  cleanups.push(
    () => server.close(),
    () => realtime.close(),
  );
  return { server, realtime, delivered };
}

function framesOfType<T extends RealtimeClientFrame['type']>(
  frames: RealtimeClientFrame[],
  type: T,
) {
  return frames.filter(
    (frame): frame is Extract<RealtimeClientFrame, { type: T }> => frame.type === type,
  );
}

describe('RealtimeClient', () => {
  it('resolves connect() at hello after sending auth with the access token and device id', async () => {
    const { server, realtime } = await setup({}, { deviceId: 'laptop' });
    expect(realtime.state).toBe('idle');
    const hello = await realtime.connect();
    expect(hello).toMatchObject({ type: 'hello', user_id: 'u1', heartbeat_interval_ms: 25_000 });
    expect(realtime.state).toBe('open');
    expect(server.connections[0]?.received[0]).toEqual({
      type: 'auth',
      access_token: 'access-1',
      device_id: 'laptop',
    });
  });

  it('delivers typed events once and drops positions it already processed', async () => {
    const { server, realtime, delivered } = await setup();
    const messages: string[] = [];
    realtime.on('message.created', (message) => {
      if (message.content.type === 'text') messages.push(message.content.text);
    });
    await realtime.connect();
    server.publish([1, 2, 2, 1, 3]);
    await eventually(() => expect(delivered).toEqual([1, 2, 3]));
    expect(messages).toEqual(['hello 1', 'hello 2', 'hello 3']);
    expect(realtime.position).toBe(3);
  });

  it('reconnects after the socket dies mid-stream and resumes with since = last position', async () => {
    const { server, realtime, delivered } = await setup();
    const reconnecting = vi.fn();
    realtime.on('reconnecting', reconnecting);
    await realtime.connect();
    server.publish([1, 2]);
    await eventually(() => expect(delivered).toEqual([1, 2]));
    server.connections[0]?.socket.terminate();
    server.append([3, 4]);
    await eventually(() => expect(server.connections).toHaveLength(2));
    await eventually(() => expect(delivered).toEqual([1, 2, 3, 4]));
    expect(server.connections[1]?.received[0]).toEqual({
      type: 'auth',
      access_token: 'access-1',
      since: 2,
    });
    expect(reconnecting).toHaveBeenCalledWith({ attempt: 1, delayMs: expect.any(Number) });
    expect(realtime.state).toBe('open');
  });

  it('acknowledges the latest processed position', async () => {
    const { server, realtime } = await setup();
    await realtime.connect();
    server.publish([5, 6, 7]);
    const received = () => server.connections[0]?.received ?? [];
    await eventually(() =>
      expect(framesOfType(received(), 'ack').at(-1)).toEqual({ type: 'ack', position: 7 }),
    );
    expect(framesOfType(received(), 'ack').length).toBeLessThanOrEqual(2);
  });

  it('rejects connect() with realtime.unauthenticated when the server refuses the token', async () => {
    const { realtime } = await setup({ validTokens: ['someone-else'] });
    const error = await realtime.connect().catch((e: unknown) => e);
    expect(isImkitError(error, 'realtime.unauthenticated')).toBe(true);
    expect(realtime.state).toBe('closed');
  });

  it('answers ping with pong and pings on its own heartbeat', async () => {
    const { server, realtime } = await setup({}, { heartbeatIntervalMs: 30 });
    await realtime.connect();
    server.connections[0]?.send({ type: 'ping' });
    const received = () => server.connections[0]?.received ?? [];
    await eventually(() => expect(framesOfType(received(), 'pong')).toHaveLength(1));
    await eventually(() =>
      expect(framesOfType(received(), 'ping').length).toBeGreaterThanOrEqual(2),
    );
  });

  it('treats a socket silent for two heartbeat intervals as dead and reconnects', async () => {
    const { server, realtime } = await setup({ answerPings: false }, { heartbeatIntervalMs: 30 });
    await realtime.connect();
    await eventually(() => expect(server.connections.length).toBeGreaterThanOrEqual(2));
  });

  it('reports resync_required and continues from head_position', async () => {
    const { server, realtime, delivered } = await setup();
    const resync = vi.fn();
    realtime.on('resync', resync);
    await realtime.connect();
    const error = {
      type: 'about:blank',
      title: 'Resync',
      status: 409,
      code: 'realtime.resync_required' as const,
    };
    server.connections[0]?.send({ type: 'error', error, head_position: 100 });
    await eventually(() => expect(resync).toHaveBeenCalledWith({ head_position: 100 }));
    server.publish([99, 101]);
    await eventually(() => expect(delivered).toEqual([101]));
  });

  it('does not reconnect after close()', async () => {
    const { server, realtime } = await setup();
    const closed = vi.fn();
    realtime.on('close', closed);
    await realtime.connect();
    realtime.close();
    expect(realtime.state).toBe('closed');
    expect(closed).toHaveBeenCalledOnce();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.connections).toHaveLength(1);
  });

  it('keeps delivering when a listener throws, reporting it as an error', async () => {
    const { server, realtime, delivered } = await setup();
    const errors: string[] = [];
    realtime.on('event', () => {
      throw new Error('boom');
    });
    realtime.on('error', (error) => errors.push(error.code));
    await realtime.connect();
    server.publish([1, 2]);
    await eventually(() =>
      expect(errors).toEqual(['realtime.listener_failed', 'realtime.listener_failed']),
    );
    expect(delivered).toEqual([1, 2]);
  });
});
