/**
 * Keeps a socket honest: calls `ping` every `intervalMs`, and `dead` when nothing was received
 * (see `received()`) for two intervals.
 */
export class Heartbeat {
  readonly #ping: () => void;
  readonly #dead: () => void;
  #intervalMs = 0;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #deadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(ping: () => void, dead: () => void) {
    this.#ping = ping;
    this.#dead = dead;
  }

  /** Starts (or restarts) the timers, in ms. */
  start(intervalMs: number): void {
    this.stop();
    this.#intervalMs = intervalMs;
    this.#pingTimer = setInterval(this.#ping, intervalMs);
    this.received();
  }

  /** Notes that a frame arrived: the socket is alive. */
  received(): void {
    if (!this.#pingTimer) return;
    if (this.#deadTimer) clearTimeout(this.#deadTimer);
    this.#deadTimer = setTimeout(this.#dead, 2 * this.#intervalMs);
  }

  stop(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    if (this.#deadTimer) clearTimeout(this.#deadTimer);
    this.#pingTimer = null;
    this.#deadTimer = null;
  }
}
