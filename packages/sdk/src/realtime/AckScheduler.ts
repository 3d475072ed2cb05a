/** Coalescing of `ack` frames. */
export interface AckSchedulerOptions {
  /** Send at most one ack per this many ms. Default: 50. */
  maxDelayMs?: number;
  /**
   * Send at once after this many unacknowledged events. Default: 500, so that even thousands
   * of events per second cost few frames of the socket's frame budget (50 per second).
   */
  maxCount?: number;
}

/**
 * Batches acknowledgements: after `note(position)` the latest position is sent within
 * `maxDelayMs`, or at once every `maxCount` events; a position is sent once per socket.
 */
export class AckScheduler {
  readonly #send: (position: number) => void;
  readonly #maxDelayMs: number;
  readonly #maxCount: number;
  #latest: number | null = null;
  #sent: number | null = null;
  #count = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(send: (position: number) => void, options: AckSchedulerOptions = {}) {
    this.#send = send;
    this.#maxDelayMs = options.maxDelayMs ?? 50;
    this.#maxCount = options.maxCount ?? 500;
  }

  /** Records that every event up to `position` was processed. */
  note(position: number): void {
    this.#latest = position;
    this.#count += 1;
    if (this.#count >= this.#maxCount) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#maxDelayMs);
  }

  /** Sends the latest position now, if it was not sent yet. */
  flush(): void {
    this.cancel();
    if (this.#latest === null || this.#latest === this.#sent) return;
    this.#sent = this.#latest;
    this.#send(this.#latest);
  }

  /** Drops the pending timer (the latest position stays pending for the next flush). */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#count = 0;
  }

  /**
   * The socket was lost: the last ack may have died with it, so the next `flush` sends the
   * latest position again (on the next socket).
   */
  reset(): void {
    this.cancel();
    this.#sent = null;
  }
}
