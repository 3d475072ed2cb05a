/**
 * Stores a socket's acknowledgements in order: one write at a time, and a burst of acks
 * while a write runs collapses into its newest position. Positions never go backwards.
 * Writes go on after the socket closed, so the newest ack received is stored even when the
 * connection dropped abruptly; `settled()` waits for them (server shutdown).
 */
export class AckRecorder {
  private newest = 0;
  private pending: number | undefined;
  private writing: Promise<void> | undefined;

  /**
   * @param write stores a position (an upsert that never moves the stored position back).
   * @param failed called with a write's error; the next ack tries again.
   */
  constructor(
    private readonly write: (position: number) => Promise<void>,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Records that every event up to `position` was processed. */
  note(position: number): void {
    if (position <= this.newest) return;
    this.newest = position;
    this.pending = position;
    this.writing ??= this.drain();
  }

  /** Resolves once every noted position was written (or failed). */
  settled(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.pending !== undefined) {
      const position = this.pending;
      this.pending = undefined;
      try {
        await this.write(position);
      } catch (error) {
        this.failed(error);
      }
    }
    this.writing = undefined;
  }
}
