import type { Logger } from 'pino';
import type { SessionRevocation, SessionRevocations } from '../auth/SessionRevocations.js';
import { encodeEnvelope, openEnvelope } from './envelope.js';
import type { RedisConnections } from './RedisConnections.js';

/** Channel (under the key prefix) carrying revocations between processes. */
export const REVOCATIONS_CHANNEL = 'revocations';

type Listener = (revocation: SessionRevocation) => void;

/**
 * {@link SessionRevocations} across server processes over Redis pub/sub (channel
 * `<prefix>revocations`, JSON `{origin, sessionId, reason}`). `publish` calls this process's
 * listeners at once — its sockets close even while Redis is down — then PUBLISHes; each other
 * process calls its listeners when the message arrives. A process ignores its own messages,
 * and logs and drops malformed ones. Pub/sub is at-most-once: a process cut off from Redis
 * misses the message, and the revoked session's sockets there close when their access token
 * expires instead.
 */
export class RedisSessionRevocations implements SessionRevocations {
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  /** Subscribes to the channel at once (or as soon as the subscriber connection is ready). */
  constructor(
    private readonly redis: RedisConnections,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = redis.subscribe(REVOCATIONS_CHANNEL, (text) => this.receive(text));
  }

  /**
   * Calls this process's listeners, then announces the revocation to the other processes.
   * Never rejects: when Redis is down or times out (1 s) the failure is logged.
   */
  async publish(revocation: SessionRevocation): Promise<void> {
    this.notify(revocation);
    const message = encodeEnvelope(this.redis.processId, {
      sessionId: revocation.sessionId,
      reason: revocation.reason,
    });
    try {
      await this.redis.publish(REVOCATIONS_CHANNEL, message);
    } catch (error) {
      this.logger.warn(
        { err: error, sessionId: revocation.sessionId },
        'session revocation not sent to other processes',
      );
    }
  }

  /**
   * Calls `listener` for every revocation published from now on, by this process or another.
   * @returns a function that unsubscribes.
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
    if (typeof envelope?.sessionId !== 'string' || typeof envelope.reason !== 'string') {
      this.logger.warn({ message: text.slice(0, 200) }, 'malformed session revocation dropped');
      return;
    }
    this.notify({ sessionId: envelope.sessionId, reason: envelope.reason });
  }

  private notify(revocation: SessionRevocation): void {
    for (const listener of [...this.listeners]) listener(revocation);
  }
}
