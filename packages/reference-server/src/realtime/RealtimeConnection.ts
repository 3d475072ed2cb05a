import type { WebSocket } from 'ws';
import type { AuthContext } from '../auth/AuthContext.js';
import { nowIso } from '../domain/clock.js';
import {
  type CommittedEvent,
  eventsSince,
  headPosition,
  type RealtimeEvent,
} from '../domain/events.js';
import type { Services } from '../domain/Services.js';
import { ApiError, type FieldError } from '../http/ApiError.js';
import { problemDetails } from '../http/problemDetails.js';
import type { Schema } from '../spec/operationTypes.js';
import type { RealtimePeer } from './RealtimeHub.js';

type ClientFrame = Schema<'RealtimeClientFrame'>;
type ServerFrame = Schema<'RealtimeServerFrame'>;

/** What a connection needs from the server. */
export interface ConnectionDeps {
  services: Services;
  /** Verifies an access token and its session; throws ApiError 401. */
  authenticate(token: string): Promise<AuthContext>;
  /** Validates a parsed frame against `RealtimeClientFrame`; returns the field errors. */
  validateFrame(frame: unknown): FieldError[];
}

/** Close code sent when the first frame is not a valid `auth` (4000-4999 are for applications). */
export const CLOSE_UNAUTHENTICATED = 4401;
const AUTH_TIMEOUT_MS = 10_000;

/**
 * The server side of one realtime socket: authenticates the first frame, then sends
 * `hello`, the backlog after the resume position and live events, strictly in position
 * order and never one position twice. All sends go through one queue, so a backlog and
 * live events racing each other still come out in order.
 */
export class RealtimeConnection implements RealtimePeer {
  private auth: AuthContext | undefined;
  private deviceId: string | undefined;
  private lastSent = 0;
  private queue: Promise<void> = Promise.resolve();
  private lastHeard = Date.now();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', () => this.onClose());
    socket.on('error', () => socket.terminate());
    this.timers.push(
      setTimeout(() => this.auth || this.reject('No auth frame within 10 s.'), AUTH_TIMEOUT_MS),
    );
    const heartbeat = deps.services.config.heartbeatIntervalMs;
    this.timers.push(setInterval(() => this.checkHeartbeat(heartbeat), heartbeat));
  }

  /** Queues a live event; dropped if this socket already sent that position. */
  pushLive(committed: CommittedEvent): void {
    this.enqueue(async () => this.sendEvent(committed.position, committed.event));
  }

  /** Drops the socket without a closing handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.deps.services.logger.error({ err: error }, 'realtime task failed');
      this.socket.terminate();
    });
  }

  private send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private sendEvent(position: number, event: RealtimeEvent): void {
    if (position <= this.lastSent) return;
    this.lastSent = position;
    this.send({ type: 'event', position, event });
  }

  private sendError(error: ApiError, extra: { head_position?: number } = {}): void {
    this.send({ type: 'error', error: problemDetails(error, '/realtime'), ...extra });
  }

  private reject(detail: string): void {
    this.sendError(new ApiError(401, 'realtime.unauthenticated', detail));
    this.socket.close(CLOSE_UNAUTHENTICATED, 'unauthenticated');
  }

  private onMessage(text: string): void {
    this.lastHeard = Date.now();
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = undefined;
    }
    const errors =
      frame === undefined
        ? [{ pointer: '/frame', detail: 'is not JSON' }]
        : this.deps.validateFrame(frame);
    if (errors.length === 0) this.dispatch(frame as ClientFrame);
    else if (!this.auth) this.reject('The first frame must be a valid auth frame.');
    else {
      const detail = 'The frame is not a valid RealtimeClientFrame.';
      this.sendError(new ApiError(422, 'realtime.invalid_frame', detail, { errors }));
    }
  }

  private dispatch(frame: ClientFrame): void {
    if (frame.type === 'auth' && this.auth) {
      const detail = 'This socket is already authenticated.';
      this.sendError(new ApiError(409, 'realtime.invalid_frame', detail));
    } else if (frame.type === 'auth') void this.authenticate(frame);
    else if (!this.auth) this.reject('The first frame must be an auth frame.');
    else if (frame.type === 'ping') this.send({ type: 'pong' });
    else if (frame.type === 'resume') this.enqueue(() => this.backfill(frame.since));
    else if (frame.type === 'ack') void this.recordAck(frame.position);
  }

  private async authenticate(frame: Extract<ClientFrame, { type: 'auth' }>): Promise<void> {
    let auth: AuthContext;
    try {
      auth = await this.deps.authenticate(frame.access_token);
    } catch (error) {
      return this.reject(
        error instanceof ApiError ? error.detail : 'The access token is not valid.',
      );
    }
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.auth = auth;
    this.deviceId = frame.device_id;
    const since = frame.since ?? (await this.storedAck());
    if (this.socket.readyState !== this.socket.OPEN) return;
    // Subscribe before queueing the backlog: live events queue behind it and duplicates are dropped.
    this.deps.services.hub.add(auth.userId, this);
    this.enqueue(async () => {
      const head = await headPosition(this.deps.services.db);
      const hello = {
        type: 'hello' as const,
        user_id: auth.userId,
        head_position: head,
        resume_from: since ?? null,
        heartbeat_interval_ms: this.deps.services.config.heartbeatIntervalMs,
      };
      this.send(hello);
    });
    if (since !== undefined) this.enqueue(() => this.backfill(since));
  }

  /** Sends every event after `since` that this user sees, or `resync_required` if too many. */
  private async backfill(since: number): Promise<void> {
    const { db, config } = this.deps.services;
    const max = config.maxResumeBacklog;
    const events = await eventsSince(db, this.auth!.userId, since, max + 1);
    if (events.length > max) {
      const head = await headPosition(db);
      this.lastSent = Math.max(this.lastSent, head);
      const detail = `More than ${max} events were missed; fetch state over HTTP and continue from ${head}.`;
      return this.sendError(new ApiError(409, 'realtime.resync_required', detail), {
        head_position: head,
      });
    }
    for (const { position, event } of events) this.sendEvent(position, event);
  }

  private async storedAck(): Promise<number | undefined> {
    if (!this.deviceId) return undefined;
    const row = await this.deps.services.db
      .selectFrom('device_cursors')
      .select('position')
      .where('user_id', '=', this.auth!.userId)
      .where('device_id', '=', this.deviceId)
      .executeTakeFirst();
    return row?.position;
  }

  private async recordAck(position: number): Promise<void> {
    if (!this.deviceId || position > this.lastSent) return;
    await this.deps.services.db
      .insertInto('device_cursors')
      .values({
        user_id: this.auth!.userId,
        device_id: this.deviceId,
        position,
        updated_at: nowIso(),
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'device_id'])
          .doUpdateSet({ position, updated_at: nowIso() })
          .where('device_cursors.position', '<', position),
      )
      .execute();
  }

  private checkHeartbeat(intervalMs: number): void {
    const silentMs = Date.now() - this.lastHeard;
    if (silentMs > intervalMs * 2.4) this.socket.terminate();
    else if (silentMs >= intervalMs) this.send({ type: 'ping' });
  }

  private onClose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    if (this.auth) this.deps.services.hub.remove(this.auth.userId, this);
  }
}
