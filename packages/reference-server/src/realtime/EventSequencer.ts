import type { Logger } from 'pino';
import type { CommittedEvent } from '../domain/events.js';

/** Timing of an {@link EventSequencer}'s gap handling, in ms. */
export interface SequencerTimings {
  /** How long a gap may stay open before `requestFill` is called. Default: 50. */
  fillAfterMs?: number;
  /**
   * How long a gap may stay open before it is skipped with a warning. Positions are gapless,
   * so this only guards against a database that lost events. Default: 10000.
   */
  skipAfterMs?: number;
}

/**
 * Publishes committed events strictly in stream-position order, once each, whatever order
 * they arrive in: from this process's own commits, from other processes (Redis), or read back
 * from the database. Positions are gapless (see `appendEvents`), so an event that arrives
 * ahead of a missing one is held until the missing one arrives; when a gap stays open for
 * `fillAfterMs`, `requestFill` asks for the missing events to be read from the database.
 */
export class EventSequencer {
  private next: number;
  private readonly pending = new Map<number, CommittedEvent>();
  private fillTimer: NodeJS.Timeout | undefined;
  private skipTimer: NodeJS.Timeout | undefined;
  private readonly fillAfterMs: number;
  private readonly skipAfterMs: number;

  /**
   * @param head the newest committed position at start-up.
   * @param deliver called once per event, in position order.
   * @param requestFill called when a gap stays open: read the events from `nextPosition` and
   *   publish them. Default: nothing (one process never has gaps).
   */
  constructor(
    head: number,
    private readonly deliver: (event: CommittedEvent) => void,
    private readonly logger: Logger,
    private readonly requestFill: () => void = () => {},
    timings: SequencerTimings = {},
  ) {
    this.next = head + 1;
    this.fillAfterMs = timings.fillAfterMs ?? 50;
    this.skipAfterMs = timings.skipAfterMs ?? 10_000;
  }

  /** The position of the next event to deliver. */
  get nextPosition(): number {
    return this.next;
  }

  /** Accepts committed events and delivers every one that is now in order; repeats are dropped. */
  publish(events: readonly CommittedEvent[]): void {
    for (const event of events) {
      if (event.position >= this.next) this.pending.set(event.position, event);
    }
    this.drain();
  }

  private drain(): void {
    const before = this.next;
    let event = this.pending.get(this.next);
    while (event) {
      this.pending.delete(this.next);
      this.next += 1;
      this.deliver(event);
      event = this.pending.get(this.next);
    }
    if (this.pending.size === 0) {
      this.clearTimers();
    } else if (this.next !== before || !this.fillTimer) {
      // A new gap (or the old one moved): give it time to fill by itself, then ask.
      this.clearTimers();
      this.fillTimer = setTimeout(() => this.requestFill(), this.fillAfterMs);
      this.fillTimer.unref();
      this.skipTimer = setTimeout(() => this.skipGap(), this.skipAfterMs);
      this.skipTimer.unref();
    }
  }

  private clearTimers(): void {
    clearTimeout(this.fillTimer);
    clearTimeout(this.skipTimer);
    this.fillTimer = undefined;
    this.skipTimer = undefined;
  }

  private skipGap(): void {
    const first = Math.min(...this.pending.keys());
    this.logger.warn({ from: this.next, to: first - 1 }, 'event stream gap skipped');
    this.next = first;
    this.clearTimers();
    this.drain();
  }

  /** Stops the timers. */
  close(): void {
    this.clearTimers();
  }
}
