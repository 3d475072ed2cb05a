/** Longest wait between two reconnection attempts to Redis, in ms. */
export const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * How long to wait before reconnection attempt number `attempt` (1, 2, ...), in ms: exponential
 * backoff from 50 ms with up to 100 ms of random jitter (so processes cut off together do not
 * reconnect in lockstep), capped at `maxMs`. Never gives up: an ioredis `retryStrategy`.
 * @param attempt the attempt number ioredis passes, from 1.
 * @param maxMs the cap, jitter included. Default: {@link MAX_RECONNECT_DELAY_MS}.
 */
export function reconnectDelay(attempt: number, maxMs = MAX_RECONNECT_DELAY_MS): number {
  const backoff = 50 * 2 ** Math.min(Math.max(attempt - 1, 0), 16);
  return Math.min(backoff + Math.floor(Math.random() * 100), maxMs);
}
