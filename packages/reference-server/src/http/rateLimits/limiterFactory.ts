import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
} from 'rate-limiter-flexible';

/** What one counter needs: a store prefix, and `points` allowed per `durationSeconds`. */
export interface LimiterOptions {
  /** Namespace of the counter's keys in the store, e.g. `rl:sendMessage` (Redis adds the deployment prefix). */
  keyPrefix: string;
  /** Points (requests, failures) allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
}

/**
 * Makes the counters behind every rate limit. The one seam between the limits and their
 * store: in memory for one process, or in Redis so several processes share one count (a limit
 * is then not multiplied by the number of processes). Both stores count atomically.
 */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

/** Counters in this process's memory (rate-limiter-flexible `RateLimiterMemory`). */
export function memoryLimiters(): LimiterFactory {
  return ({ keyPrefix, points, durationSeconds }) =>
    new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
}

/** Options of {@link redisLimiters}. */
export interface RedisLimiterOptions {
  /**
   * Put before every counter's key prefix in Redis (ServerConfig `redisKeyPrefix`), so several
   * deployments can share one Redis. Default: none.
   */
  storePrefix?: string;
}

/**
 * Counters in Redis (rate-limiter-flexible `RateLimiterRedis`, same API as the memory store),
 * shared by every server process connected to the same Redis. While Redis is not ready, or a
 * command fails or times out, each counter falls back to its `insuranceLimiter`: a
 * `RateLimiterMemory` with the same limits in this process, so limits still hold per process
 * (each process then allows the full limit) and no request waits for Redis.
 * @param client an ioredis client, connecting or connected. Give it a `commandTimeout` (as
 *   `RedisConnections.commands` has): a hung Redis otherwise delays each counted request.
 * @param options where the counters live in Redis.
 */
export function redisLimiters(client: unknown, options: RedisLimiterOptions = {}): LimiterFactory {
  const storePrefix = options.storePrefix ?? '';
  return ({ keyPrefix, points, durationSeconds }) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${storePrefix}${keyPrefix}`,
      points,
      duration: durationSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
    });
}
