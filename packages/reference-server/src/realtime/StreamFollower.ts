import type { Logger } from 'pino';
import type { CommittedEvent } from '../domain/events.js';
import type { EventSequencer } from './EventSequencer.js';

/** Events read per query while catching up. */
const CATCH_UP_PAGE = 500;

/**
 * Keeps a process's {@link EventSequencer} level with the database's event stream, for
 * servers whose database other processes write to too (PostgreSQL): reads every committed
 * event from the sequencer's next position on and publishes it, when asked (a gap that did not
 * fill by itself, Redis coming back) and every `pollIntervalMs` (so events still arrive, later,
 * while Redis is down). Events that also arrive over Redis are dropped by the sequencer as
 * repeats. One read runs at a time; a request during a read runs another one after it.
 */
export class StreamFollower {
  private reading: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param read the committed events from a position on, oldest first, at most `limit`.
   * @param pollIntervalMs how often to look for events without being asked, in ms; 0 never.
   */
  constructor(
    private readonly sequencer: EventSequencer,
    private readonly read: (from: number, limit: number) => Promise<CommittedEvent[]>,
    private readonly logger: Logger,
    pollIntervalMs: number,
  ) {
    if (pollIntervalMs > 0) {
      this.timer = setInterval(() => this.catchUp(), pollIntervalMs);
      this.timer.unref();
    }
  }

  /** Reads and publishes everything committed from the sequencer's next position on. */
  catchUp(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readAll()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'event stream catch-up failed'))
      .finally(() => {
        this.reading = undefined;
        if (this.again) {
          this.again = false;
          void this.catchUp();
        }
      });
    return this.reading;
  }

  private async readAll(): Promise<void> {
    for (;;) {
      const events = await this.read(this.sequencer.nextPosition, CATCH_UP_PAGE);
      this.sequencer.publish(events);
      if (events.length < CATCH_UP_PAGE) return;
    }
  }

  /** Stops polling; a read in flight finishes. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
  }
}
