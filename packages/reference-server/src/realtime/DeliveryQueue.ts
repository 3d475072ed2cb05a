import { type CommittedEvent, headPosition, type RealtimeEvent } from '../domain/events.js';
import type { Services } from '../domain/Services.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { type BacklogEvent, nextTurn, readBacklog } from './backlog.js';
import type { FrameSender } from './FrameSender.js';

type ServerFrame = Schema<'RealtimeServerFrame'>;
type Hello = Schema<'RealtimeHelloFrame'>;

/** How long a replay waits for a client to read what it was sent, in ms. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Everything a socket is sent after `auth`, in one queue: `hello`, the backlog, live events
 * and answers, so a backlog and live events racing each other still come out in position
 * order, each position once. One replay at a time; it is read and sent in batches that yield
 * to the event loop, and waits for the client to read before sending more.
 */
export class DeliveryQueue {
  private lastSent = 0;
  private resumedAfter = 0;
  private replaying = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly out: FrameSender,
    private readonly services: Services,
    private readonly userId: string,
    private readonly failed: (error: unknown) => void,
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
    this.enqueue(async () => {
      const head = await headPosition(this.services.db);
      this.out.send({ type: 'hello', ...hello, head_position: head, resume_from: since ?? null });
      if (since === undefined) this.resync(head, 'There is no position to resume from');
    });
    if (since !== undefined) this.replay(since);
  }

  /** Queues a live event; dropped if this socket already sent that position. */
  pushLive(committed: CommittedEvent): void {
    this.enqueue(async () => this.sendEvent(committed.position, committed.event));
  }

  /** Queues a frame behind everything queued before it. */
  send(frame: ServerFrame): void {
    this.enqueue(async () => void this.out.send(frame));
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
    for (const { position, event } of batch) {
      if (!(await this.out.drained(DRAIN_TIMEOUT_MS))) return;
      this.sendEvent(position, event);
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

  private sendEvent(position: number, event: RealtimeEvent): void {
    if (position <= this.lastSent) return;
    this.lastSent = position;
    this.out.send({ type: 'event', position, event });
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch(this.failed);
  }
}
