import { describe, expect, it, vi } from 'vitest';
import type { RealtimeServerFrame } from '../generated/openapi.js';
import { RealtimeClient } from './RealtimeClient.js';
import type { WebSocketLike } from './types.js';

/** Waits for an assertion to pass; generous, because CI machines can be busy. */
const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 5000, interval: 10 });

type Listener = (event?: unknown) => void;

/** An in-memory socket the test drives by hand. */
class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  readonly #listeners = new Map<string, Listener[]>();

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener as Listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
  }
  fire(type: string, event?: unknown): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
  open(): void {
    this.readyState = 1;
    this.fire('open');
  }
  receive(frame: RealtimeServerFrame): void {
    this.fire('message', { data: JSON.stringify(frame) });
  }
}

const hello: RealtimeServerFrame = {
  type: 'hello',
  user_id: 'u1',
  head_position: 0,
  resume_from: null,
  heartbeat_interval_ms: 25_000,
};
const readEvent = (position: number): RealtimeServerFrame => ({
  type: 'event',
  position,
  event: {
    type: 'message.read',
    data: {
      conversation_id: 'c1',
      user_id: 'u2',
      last_read_message_id: 'm1',
      read_at: '2026-11-21T09:36:00.000Z',
    },
  },
});

function createClient() {
  FakeSocket.instances = [];
  const deps = {
    url: 'ws://imkit.test/realtime',
    WebSocket: FakeSocket,
    getAccessToken: async () => 'access-1',
  };
  const client = new RealtimeClient(deps, { reconnect: { initialDelayMs: 5, maxDelayMs: 5 } });
  const delivered: number[] = [];
  client.on('message.read', (_receipt, meta) => delivered.push(meta.position));
  return { client, delivered };
}

describe('RealtimeClient (fake socket)', () => {
  it('counts as open only after hello', async () => {
    const { client } = createClient();
    const connected = client.connect();
    await eventually(() => expect(FakeSocket.instances).toHaveLength(1));
    const socket = FakeSocket.instances[0]!;
    socket.open();
    expect(client.state).toBe('connecting');
    expect(socket.sent).toEqual([{ type: 'auth', access_token: 'access-1' }]);
    socket.receive(hello);
    await expect(connected).resolves.toEqual(hello);
    expect(client.state).toBe('open');
    client.close();
  });

  it('ignores frames from a socket it replaced', async () => {
    const { client, delivered } = createClient();
    const connected = client.connect();
    await eventually(() => expect(FakeSocket.instances).toHaveLength(1));
    const [first] = FakeSocket.instances;
    first!.open();
    first!.receive(hello);
    await connected;
    first!.receive(readEvent(1));
    first!.fire('close', { code: 1006, reason: '' });
    expect(client.state).toBe('reconnecting');
    await eventually(() => expect(FakeSocket.instances).toHaveLength(2));
    const second = FakeSocket.instances[1]!;
    second.open();
    expect(second.sent[0]).toEqual({ type: 'auth', access_token: 'access-1', since: 1 });
    second.receive(hello);
    first!.receive(readEvent(2));
    expect(delivered).toEqual([1]);
    second.receive(readEvent(2));
    expect(delivered).toEqual([1, 2]);
    client.close();
  });
});
