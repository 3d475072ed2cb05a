/** Reconnect delays of the realtime client. */
export interface BackoffOptions {
  /** Upper bound of the first delay, in ms. Default: 500. */
  initialDelayMs?: number;
  /** Upper bound of any delay, in ms. Default: 30000. */
  maxDelayMs?: number;
}

/**
 * The delay before reconnect attempt `attempt` (1 for the first), in ms: "full jitter", a uniform
 * random value in `[0, min(maxDelayMs, initialDelayMs * 2^(attempt - 1))]`, so clients that lost
 * the server together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initialDelayMs = 500, maxDelayMs = 30_000 } = options;
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
