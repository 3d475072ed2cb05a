import type { Logger } from 'pino';
import type { CommittedEvent } from '../domain/events.js';

/**
 * Publishes committed events strictly in stream-position order, whatever order their
 * transactions' callbacks run in. SQLite assigns AUTOINCREMENT positions in commit order
 * without gaps, so the sequencer holds an early event back until its predecessors arrive.
 * A gap that never fills (it cannot happen with SQLite) is skipped after `gapTimeoutMs`.
 */
export class EventSequencer {
  private next: number;
  private readonly pending = new Map<number, CommittedEvent>();
  private gapTimer: NodeJS.Timeout | undefined;

  /**
   * @param head the newest committed position at start-up.
   * @param deliver called once per event, in position order.
   * @param gapTimeoutMs how long to wait for a missing position before skipping it. Default: 2000.
   */
  constructor(
    head: number,
    private readonly deliver: (event: CommittedEvent) => void,
    private readonly logger: Logger,
    private readonly gapTimeoutMs = 2000,
  ) {
    this.next = head + 1;
  }

  /** Accepts events that just committed and delivers every one that is now in order. */
  publish(events: readonly CommittedEvent[]): void {
    for (const event of events) {
      if (event.position >= this.next) this.pending.set(event.position, event);
    }
    this.drain();
  }

  private drain(): void {
    let event = this.pending.get(this.next);
    while (event) {
      this.pending.delete(this.next);
      this.next += 1;
      this.deliver(event);
      event = this.pending.get(this.next);
    }
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    if (this.pending.size > 0) {
      this.gapTimer = setTimeout(() => this.skipGap(), this.gapTimeoutMs);
      this.gapTimer.unref();
    }
  }

  private skipGap(): void {
    const first = Math.min(...this.pending.keys());
    this.logger.warn({ from: this.next, to: first - 1 }, 'event stream gap skipped');
    this.next = first;
    this.drain();
  }

  /** Stops the gap timer. */
  close(): void {
    clearTimeout(this.gapTimer);
  }
}
