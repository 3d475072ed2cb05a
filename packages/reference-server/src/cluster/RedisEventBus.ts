import type { Logger } from 'pino';
import type { CommittedEvent } from '../domain/events.js';
import { encodeEnvelope, openEnvelope } from './envelope.js';
import type { RedisConnections } from './RedisConnections.js';

/** Channel (under the key prefix) carrying committed events between processes. */
export const EVENTS_CHANNEL = 'events';

type Listener = (events: CommittedEvent[]) => void;

/** True for a {@link CommittedEvent}: a positive integer position, JSON text, user ids. */
function isCommittedEvent(value: unknown): value is CommittedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { position, payload, audience } = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(position) &&
    (position as number) > 0 &&
    typeof payload === 'string' &&
    Array.isArray(audience) &&
    audience.every((userId) => typeof userId === 'string')
  );
}

/**
 * Carries committed events from the process that committed them to every other server
 * process, over Redis pub/sub (channel `<prefix>events`, JSON
 * `{origin, events: [{position, payload, audience}]}`). Each process delivers its own events
 * locally and hears only the others'. Pub/sub is at-most-once: a message published while a
 * subscriber is cut off is lost, so the consumer fills gaps in positions from the database —
 * and catches up after each {@link onResubscribed}.
 */
export class RedisEventBus {
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  /** Subscribes to the channel at once (or as soon as the subscriber connection is ready). */
  constructor(
    private readonly redis: RedisConnections,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = redis.subscribe(EVENTS_CHANNEL, (text) => this.receive(text));
  }

  /**
   * Sends events this process committed to the other processes, in one message. Fire and
   * forget: returns at once, never throws; a failed PUBLISH is logged (at `debug` while Redis
   * is known to be down) and the others catch up from the database.
   */
  publish(events: readonly CommittedEvent[]): void {
    if (events.length === 0) return;
    const message = encodeEnvelope(this.redis.processId, {
      events: events.map(({ position, payload, audience }) => ({ position, payload, audience })),
    });
    this.redis.publish(EVENTS_CHANNEL, message).catch((error: unknown) => {
      // While Redis is down, RedisConnections has said so once; no line per event.
      const level = this.redis.state() === 'up' ? 'warn' : 'debug';
      this.logger[level](
        { err: error, from: events[0]!.position, to: events.at(-1)!.position },
        'committed events not sent to other processes',
      );
    });
  }

  /**
   * Calls `listener` with the events of each message from another process, in the order
   * published; malformed events are logged and left out.
   * @returns a function that removes the listener.
   */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` each time the subscription is active again — after the first connection
   * and every reconnection to Redis. Events published meanwhile were lost: catch up.
   * @returns a function that removes the listener.
   */
  onResubscribed(listener: () => void): () => void {
    return this.redis.onResubscribed(listener);
  }

  /** Stops listening to the channel. */
  close(): void {
    this.unsubscribe();
  }

  private receive(text: string): void {
    const envelope = openEnvelope(text, this.redis.processId);
    if (envelope === 'own') return;
    const received = Array.isArray(envelope?.events) ? envelope.events : undefined;
    const events = received?.filter(isCommittedEvent) ?? [];
    if (!received || events.length < received.length) {
      this.logger.warn({ message: text.slice(0, 200) }, 'malformed committed events dropped');
    }
    if (events.length === 0) return;
    for (const listener of [...this.listeners]) listener(events);
  }
}
