/** Something the sweep checks on every tick. */
export interface Sweepable {
  /** Checks the connection's deadlines (heartbeat, credentials, authentication) at `now` (ms). */
  sweep(now: number): void;
}

/**
 * One timer for every realtime socket of a server: each tick checks every registered
 * connection's deadlines, instead of each socket holding its own interval and timeouts.
 * A deadline is noticed at most one tick late. The timer does not keep the process alive.
 */
export class ConnectionSweep {
  private readonly members = new Set<Sweepable>();
  private timer: NodeJS.Timeout | undefined;

  /** @param tickMs time between two checks, in ms. */
  constructor(private readonly tickMs: number) {}

  /** Starts checking `member` on every tick. */
  add(member: Sweepable): void {
    this.members.add(member);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref();
    }
  }

  /** Stops checking `member` (its socket closed); the timer stops with the last one. */
  delete(member: Sweepable): void {
    this.members.delete(member);
    if (this.members.size === 0) this.stop();
  }

  /** Checks every member once, now (also what each tick does). */
  tick(now = Date.now()): void {
    for (const member of this.members) member.sweep(now);
  }

  /** Stops the timer (server shutdown). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
