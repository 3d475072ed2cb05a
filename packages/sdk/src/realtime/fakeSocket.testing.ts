import type { RealtimeServerFrame } from '../generated/openapi.js';
import { RealtimeClient } from './RealtimeClient.js';
import type { WebSocketLike } from './types.js';

/* Test doubles for the realtime client's unit tests: a socket driven by hand. */

type Listener = (event?: unknown) => void;

/** An in-memory socket the test drives by hand. */
export class FakeSocket implements WebSocketLike {
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

export const hello: RealtimeServerFrame = {
  type: 'hello',
  user_id: 'u1',
  head_position: 0,
  resume_from: null,
  heartbeat_interval_ms: 25_000,
  access_expires_in_ms: 900_000,
};
export const readEvent = (position: number): RealtimeServerFrame => ({
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

export function createClient(
  getAccessToken: () => Promise<string | null> = async () => 'access-1',
) {
  FakeSocket.instances = [];
  const deps = {
    url: 'ws://imkit.test/realtime',
    WebSocket: FakeSocket,
    getAccessToken,
  };
  const client = new RealtimeClient(deps, { reconnect: { initialDelayMs: 5, maxDelayMs: 5 } });
  const delivered: number[] = [];
  client.on('message.read', (_receipt, meta) => delivered.push(meta.position));
  return { client, delivered };
}
