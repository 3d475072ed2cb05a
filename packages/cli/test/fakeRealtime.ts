import type { Message, RealtimeClient, RealtimeOptions } from '@imkit/sdk';

type Listener = (...args: never[]) => void;

/** A stand-in for the SDK's realtime client: the test pushes events with `push`. */
export class FakeRealtime {
  readonly listeners = new Map<string, Listener[]>();
  options: RealtimeOptions | undefined;
  connected = false;
  closed = false;
  #position = 0;

  on(type: string, listener: Listener): () => void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    return () => {};
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  close(): void {
    this.closed = true;
  }

  /** Delivers a `message.created` event, as the server pushes it. */
  push(message: Message): void {
    this.#position += 1;
    const meta = { position: this.#position };
    for (const listener of this.listeners.get('message.created') ?? []) {
      (listener as (m: Message, meta: { position: number }) => void)(message, meta);
    }
  }

  /** The object to hand out as the SDK's `RealtimeClient`. */
  asClient(): RealtimeClient {
    return this as unknown as RealtimeClient;
  }
}
