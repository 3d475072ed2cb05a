import { headPosition } from '../domain/events.js';
import type { Services } from '../domain/Services.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { type BacklogEvent, nextTurn, readBacklog } from './backlog.js';
import { EventFrame } from './EventFrame.js';
import type { FrameSender } from './FrameSender.js';

type ServerFrame = Schema<'RealtimeServerFrame'>;
type Hello = Schema<'RealtimeHelloFrame'>;
/** A queued item: an event frame, another frame, or a task that sends (hello, replay). */
type Queued = EventFrame | ServerFrame | (() => Promise<void>);

/** How long a replay waits for a client to read what it was sent, in ms. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Everything a socket is sent after `auth`, in one queue: `hello`, the backlog, live events
 * and answers, so a backlog and live events racing each other still come out in position
 * order, each position once. One replay at a time; it is read and sent in batches that yield
 * to the event loop, and waits for the client to read before sending more. Nothing is sent
 * before {@link DeliveryQueue.start}; after it, a live event that finds the queue idle is sent
 * at once, with no promise or closure per event.
 */
export class DeliveryQueue {
  private lastSent = 0;
  private resumedAfter = 0;
  private replaying = false;
  /** True while a task runs (or until `start`): later items wait in `waiting`. */
  private busy = true;
  private readonly waiting: Queued[] = [];

  constructor(
    private readonly out: FrameSender,
    private readonly services: Services,
    private readonly userId: string,
  ) {}

  /** The highest position the client may acknowledge: sent on this socket, or resumed after. */
  get ackCeiling(): number {
    return Math.max(this.lastSent, this.resumedAfter);
  }

  /**
   * Queues `hello`, then the backlog after `since`; without `since`, a
   * `realtime.resync_required` error says that earlier events may have been missed.
   */
  start(hello: Omit<Hello, 'type' | 'head_position' | 'resume_from'>, since?: number): void {
    this.resumedAfter = since ?? 0;
    // Events pushed while the socket authenticated wait behind `hello` and the backlog.
    const queuedLive = this.waiting.splice(0);
    this.waiting.push(async () => {
      const head = await headPosition(this.services.db);
      this.out.send({ type: 'hello', ...hello, head_position: head, resume_from: since ?? null });
      if (since === undefined) this.resync(head, 'There is no position to resume from');
    });
    if (since !== undefined) this.replay(since);
    this.waiting.push(...queuedLive);
    this.busy = false;
    this.drain();
  }

  /** Queues a live event's frame; dropped if this socket already sent that position. */
  pushLive(frame: EventFrame): void {
    if (this.busy) this.waiting.push(frame);
    else this.sendEvent(frame);
  }

  /** Queues a frame behind everything queued before it. */
  send(frame: ServerFrame): void {
    this.enqueue(frame);
  }

  /** Queues a replay of the events after `since`; false when a replay is already under way. */
  replay(since: number): boolean {
    if (this.replaying) return false;
    this.replaying = true;
    this.enqueue(() => this.runReplay(since).finally(() => (this.replaying = false)));
    return true;
  }

  private async runReplay(since: number): Promise<void> {
    const { db, config } = this.services;
    const max = config.maxResumeBacklog;
    const batchSize = config.realtimeReplayBatchSize;
    const backlog = await readBacklog(db, this.userId, since, max, batchSize);
    if (!backlog) {
      return this.resync(await headPosition(db), `More than ${max} events were missed`);
    }
    for (let start = 0; start < backlog.length && this.out.open; start += batchSize) {
      if (start > 0) await nextTurn();
      await this.sendBatch(backlog.slice(start, start + batchSize));
    }
  }

  private async sendBatch(batch: BacklogEvent[]): Promise<void> {
    for (const { position, payload } of batch) {
      if (!(await this.out.drained(DRAIN_TIMEOUT_MS))) return;
      this.sendEvent(new EventFrame(position, payload));
    }
  }

  /** Skips to `head`: live events continue after it, and the client refetches over HTTP. */
  private resync(head: number, why: string): void {
    this.lastSent = Math.max(this.lastSent, head);
    const detail = `${why}; fetch state over HTTP and continue from ${head}.`;
    this.out.sendError(new ApiError(409, 'realtime.resync_required', detail), {
      head_position: head,
    });
  }

  private sendEvent(frame: EventFrame): void {
    if (frame.position <= this.lastSent) return;
    this.lastSent = frame.position;
    this.out.sendBytes(frame.data);
  }

  private enqueue(item: Queued): void {
    this.waiting.push(item);
    this.drain();
  }

  /** Sends queued items in order until one is a task; the rest wait until it settles. */
  private drain(): void {
    while (!this.busy && this.waiting.length > 0) {
      const item = this.waiting.shift()!;
      if (item instanceof EventFrame) this.sendEvent(item);
      else if (typeof item === 'function') this.runTask(item);
      else this.out.send(item);
    }
  }

  private runTask(task: () => Promise<void>): void {
    this.busy = true;
    task()
      .then(() => {
        this.busy = false;
        this.drain();
      })
      .catch((error: unknown) => this.failed(error));
  }

  /** A task failed (a database error): log it and drop the socket; the client resumes. */
  private failed(error: unknown): void {
    this.services.logger.error({ err: error }, 'realtime task failed');
    this.out.terminate();
  }
}
