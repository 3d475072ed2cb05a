import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
} from 'rate-limiter-flexible';

/** What one counter needs: a store prefix, and `points` allowed per `durationSeconds`. */
export interface LimiterOptions {
  /** Namespace of the counter's keys in the store, e.g. `imkit:rl:sendMessage`. */
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

/**
 * Counters in Redis (rate-limiter-flexible `RateLimiterRedis`, same API as the memory store),
 * shared by every server process connected to the same Redis.
 * @param client an ioredis client (or node-redis with `useRedisPackage`), already connecting.
 */
export function redisLimiters(client: unknown): LimiterFactory {
  return ({ keyPrefix, points, durationSeconds }) =>
    new RateLimiterRedis({ storeClient: client, keyPrefix, points, duration: durationSeconds });
}
