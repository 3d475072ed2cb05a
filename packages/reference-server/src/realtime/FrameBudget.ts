/** The default clock: monotonic ms, one function shared by every budget. */
const monotonicMs = () => performance.now();

/**
 * A socket's frame budget: a token bucket holding up to `burst` frames, refilled at
 * `perSecond` frames per second. Each frame takes its cost; a frame that finds too little
 * left is refused (the socket is then closed with 4429, see `connectRealtime`). Synchronous
 * and per socket, so checking a frame costs no promise and no shared state.
 */
export class FrameBudget {
  private tokens: number;
  private refilledAt: number;

  /**
   * @param burst capacity in frames (`ServerConfig.realtimeFrameBurst`).
   * @param perSecond refill rate in frames per second (`ServerConfig.realtimeFramesPerSecond`).
   * @param now clock in ms. Default: `performance.now`.
   */
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = monotonicMs,
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes `cost` frames from the budget; false (and nothing taken) when too few are left. */
  take(cost: number): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    );
    this.refilledAt = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
