import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/ServerConfig.js';
import { ChannelSubscriptions, type MessageHandler } from './ChannelSubscriptions.js';
import { MAX_RECONNECT_DELAY_MS, reconnectDelay } from './reconnectDelay.js';

/** Whether both connections to Redis are ready (`up`) or not (`down`, also while connecting). */
export type RedisState = 'up' | 'down';

/** What {@link RedisConnections} needs. */
export interface RedisConnectionsOptions {
  /** `redis://` or `rediss://` URL (ServerConfig `redisUrl`). */
  url: string;
  /** Prefix of every key and channel (ServerConfig `redisKeyPrefix`), e.g. `imkit:`. */
  keyPrefix: string;
  /** Where connection losses and recoveries are logged, once per transition. */
  logger: Logger;
  /** This process's id in messages and presence entries. Default: a random UUID. */
  processId?: string;
  /** A command without a reply after this many ms fails (Redis hung). Default: 1000. */
  commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts, in ms. Default: 2000. */
  maxReconnectDelayMs?: number;
}

/** Quits a client politely when it is connected, drops it otherwise. */
async function shut(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Falls through: a client that cannot quit is dropped.
    }
  }
  client.disconnect();
}

/**
 * This process's two connections to the Redis that server processes share: `commands` for
 * commands and PUBLISH, and one in subscriber mode behind {@link subscribe}. Both reconnect
 * forever (exponential backoff capped at 2 s) and fail fast while Redis is unreachable: no
 * offline queue, each command times out (1 s), and a command is never sent twice after a
 * reconnection — so a request never waits on Redis. Every key and channel name goes through
 * {@link key}, under the configured prefix. Logs `redis unreachable` and `redis connected`
 * once per transition, not per retry.
 */
export class RedisConnections {
  /** Identifies this process in messages (to ignore its own) and presence entries. */
  readonly processId: string;
  /** The client for commands and PUBLISH (never in subscriber mode); fails fast when down. */
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly channels: ChannelSubscriptions;
  private readonly logger: Logger;
  private readonly keyPrefix: string;
  private logged: RedisState | undefined;
  private lastError: unknown;
  private closing = false;

  /** Creates both clients without connecting them: call {@link connect}. */
  constructor(options: RedisConnectionsOptions) {
    this.processId = options.processId ?? randomUUID();
    this.keyPrefix = options.keyPrefix;
    this.logger = options.logger;
    const maxDelay = options.maxReconnectDelayMs ?? MAX_RECONNECT_DELAY_MS;
    const common: RedisOptions = {
      lazyConnect: true,
      retryStrategy: (attempt) => reconnectDelay(attempt, maxDelay),
      commandTimeout: options.commandTimeoutMs ?? 1000,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
    };
    this.commands = new Redis(options.url, {
      ...common,
      connectionName: `imkit-${this.processId}-commands`,
    });
    this.subscriber = new Redis(options.url, {
      ...common,
      autoResubscribe: false,
      connectionName: `imkit-${this.processId}-subscriber`,
    });
    this.channels = new ChannelSubscriptions(this.subscriber, this.logger);
    for (const client of [this.commands, this.subscriber]) {
      client.on('ready', () => this.observe(false));
      client.on('close', () => this.observe(true));
      client.on('error', (error: unknown) => {
        this.lastError = error;
        this.observe(true);
      });
    }
  }

  /**
   * Connections to the Redis of `config.redisUrl`, keys under `config.redisKeyPrefix`.
   * @throws Error when `config.redisUrl` is not set.
   */
  static fromConfig(
    config: Pick<ServerConfig, 'redisUrl' | 'redisKeyPrefix'>,
    logger: Logger,
  ): RedisConnections {
    if (!config.redisUrl) throw new Error('redisUrl is not configured');
    return new RedisConnections({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger });
  }

  /**
   * Opens both connections.
   * @throws the first connection error; both clients keep reconnecting in the background
   *   anyway, so a caller may log it and run degraded until Redis is back.
   */
  async connect(): Promise<void> {
    await Promise.all([this.commands.connect(), this.subscriber.connect()]);
  }

  /** `up` while both connections are ready (the health endpoint reports it). */
  state(): RedisState {
    if (this.closing) return 'down';
    return this.commands.status === 'ready' && this.subscriber.status === 'ready' ? 'up' : 'down';
  }

  /** The full Redis name of a key or channel: the configured prefix, then `name`. */
  key(name: string): string {
    return `${this.keyPrefix}${name}`;
  }

  /**
   * PUBLISHes `message` on channel {@link key}(`name`).
   * @returns how many subscribers (in every process) received it.
   * @throws Error at once when Redis is down, or after the command timeout.
   */
  publish(name: string, message: string): Promise<number> {
    return this.commands.publish(this.key(name), message);
  }

  /**
   * Calls `handler` with every message on channel {@link key}(`name`), from every process
   * (this one included), while the subscriber connection is up.
   * @returns a function that removes the handler.
   */
  subscribe(name: string, handler: MessageHandler): () => void {
    return this.channels.subscribe(this.key(name), handler);
  }

  /**
   * Calls `listener` each time the subscriber connection is ready and every channel is
   * subscribed again — after the first connection and after each reconnection. Messages
   * published while it was down are lost: the cue to catch up from the database.
   * @returns a function that removes the listener.
   */
  onResubscribed(listener: () => void): () => void {
    return this.channels.onResubscribed(listener);
  }

  /** Quits both connections (waits for pending replies when connected); never throws. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([shut(this.commands), shut(this.subscriber)]);
  }

  /** Logs a transition of {@link state}; `failure` when a connection just failed or closed. */
  private observe(failure: boolean): void {
    const now = this.state();
    if (this.closing || now === this.logged) return;
    if (now === 'down' && !failure) return;
    this.logged = now;
    if (now === 'down') {
      this.logger.warn({ err: this.lastError }, 'redis unreachable; reconnecting');
      return;
    }
    this.lastError = undefined;
    this.logger.info({ processId: this.processId }, 'redis connected');
  }
}
