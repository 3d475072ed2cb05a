import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Receives the text of one message published on a channel. */
export type MessageHandler = (message: string) => void;

/**
 * The Redis channels this process listens to, multiplexed over one connection in subscriber
 * mode, each with its handlers. ioredis' own `autoResubscribe` is off: this class subscribes
 * every channel again when the connection is ready (the first time and after each
 * reconnection), then calls the `onResubscribed` listeners, so they know the exact moment from
 * which messages flow again and can fetch what they missed while the subscription was down
 * (Redis pub/sub keeps nothing for a disconnected subscriber).
 */
export class ChannelSubscriptions {
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  private readonly resubscribedListeners = new Set<() => void>();

  /**
   * @param client an ioredis client used for nothing else, created with `autoResubscribe: false`.
   * @param logger where failed subscriptions and throwing handlers are reported.
   */
  constructor(
    private readonly client: Redis,
    private readonly logger: Logger,
  ) {
    client.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    client.on('ready', () => void this.subscribeAll());
  }

  /**
   * Calls `handler` with every message published on `channel` (the full Redis channel name)
   * from the moment the subscription is active. Subscribes when the connection is ready, or
   * as soon as it is.
   * @returns a function that removes the handler (and unsubscribes the channel after its last).
   */
  subscribe(channel: string, handler: MessageHandler): () => void {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      if (this.client.status === 'ready') {
        this.client.subscribe(channel).catch((error: unknown) => this.failed(error));
      }
    }
    handlers.add(handler);
    const own = handlers;
    return () => {
      own.delete(handler);
      if (own.size > 0 || this.handlers.get(channel) !== own) return;
      this.handlers.delete(channel);
      if (this.client.status === 'ready') this.client.unsubscribe(channel).catch(() => {});
    };
  }

  /**
   * Calls `listener` each time every channel is subscribed again after the connection became
   * ready — at the first connection and after every reconnection. Messages published while the
   * subscription was down are lost; the listener is the cue to fetch them from the source.
   * @returns a function that removes the listener.
   */
  onResubscribed(listener: () => void): () => void {
    this.resubscribedListeners.add(listener);
    return () => this.resubscribedListeners.delete(listener);
  }

  private async subscribeAll(): Promise<void> {
    const channels = [...this.handlers.keys()];
    try {
      if (channels.length > 0) await this.client.subscribe(...channels);
    } catch (error) {
      this.failed(error);
      return;
    }
    for (const listener of [...this.resubscribedListeners]) {
      this.guarded(listener, 'redis resubscribe listener failed');
    }
  }

  private dispatch(channel: string, message: string): void {
    for (const handler of [...(this.handlers.get(channel) ?? [])]) {
      this.guarded(() => handler(message), 'redis message handler failed');
    }
  }

  /** A subscription that failed on a live connection: reconnect, which subscribes everything again. */
  private failed(error: unknown): void {
    this.logger.warn({ err: error }, 'redis subscribe failed; reconnecting the subscriber');
    if (this.client.status === 'ready') this.client.disconnect(true);
  }

  private guarded(fn: () => void, failure: string): void {
    try {
      fn();
    } catch (error) {
      this.logger.error({ err: error }, failure);
    }
  }
}
