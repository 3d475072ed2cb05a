import type { Logger } from 'pino';
import type { EphemeralEvent } from '../realtime/ephemeral.js';
import { encodeEnvelope, openEnvelope } from './envelope.js';
import type { RedisConnections } from './RedisConnections.js';

/** Channel (under the key prefix) carrying ephemeral events (typing, presence) between processes. */
export const EPHEMERAL_CHANNEL = 'ephemeral';

/** Receives an ephemeral event another process sent, with the users it is for. */
type Listener = (audience: string[], event: EphemeralEvent) => void;

/** True for `{type: string, data: object}` (the shape of every `RealtimeEphemeralEvent`). */
function isEphemeralEvent(value: unknown): value is EphemeralEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as Record<string, unknown>;
  return (type === 'typing' || type === 'presence.updated') && typeof data === 'object';
}

/**
 * Carries ephemeral events (typing indicators, presence changes) from the process where they
 * happened to every other server process, over Redis pub/sub (channel `<prefix>ephemeral`,
 * JSON `{origin, audience: [userId...], event}`). Each process delivers to its own sockets
 * directly and hears only the others' messages. At most once, by design: an ephemeral event
 * lost while Redis is down is not worth recovering (an indicator expires by itself; `listFriends`
 * has every friend's presence). Nothing touches the database.
 */
export class RedisEphemeralBus {
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  /** Subscribes to the channel at once (or as soon as the subscriber connection is ready). */
  constructor(
    private readonly redis: RedisConnections,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = redis.subscribe(EPHEMERAL_CHANNEL, (text) => this.receive(text));
  }

  /**
   * Sends an event for `audience` (user ids) to the other processes. Fire and forget: returns
   * at once, never throws; a failed PUBLISH is logged at `debug` (the event is simply lost).
   */
  publish(audience: readonly string[], event: EphemeralEvent): void {
    if (audience.length === 0) return;
    const message = encodeEnvelope(this.redis.processId, { audience, event });
    this.redis.publish(EPHEMERAL_CHANNEL, message).catch((error: unknown) => {
      this.logger.debug({ err: error, type: event.type }, 'ephemeral event not sent');
    });
  }

  /**
   * Calls `listener` with each event another process published; malformed messages are
   * logged and dropped.
   * @returns a function that removes the listener.
   */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening to the channel. */
  close(): void {
    this.unsubscribe();
  }

  private receive(text: string): void {
    const envelope = openEnvelope(text, this.redis.processId);
    if (envelope === 'own') return;
    const audience = envelope?.audience;
    if (
      !Array.isArray(audience) ||
      !audience.every((userId) => typeof userId === 'string') ||
      !isEphemeralEvent(envelope?.event)
    ) {
      this.logger.warn({ message: text.slice(0, 200) }, 'malformed ephemeral event dropped');
      return;
    }
    for (const listener of [...this.listeners]) listener(audience, envelope.event);
  }
}
