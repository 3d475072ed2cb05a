import type { RawData, WebSocket } from 'ws';
import type { AuthContext } from '../auth/AuthContext.js';
import type { CommittedEvent } from '../domain/events.js';
import type { Services } from '../domain/Services.js';
import { requireLiveSession } from '../domain/sessions.js';
import { ApiError, type FieldError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { AckRecorder } from './AckRecorder.js';
import { CredentialTimer } from './CredentialTimer.js';
import { CloseCode, INVALID_FRAME_COST, RESUME_FRAME_COST } from './closeCodes.js';
import { DeliveryQueue } from './DeliveryQueue.js';
import { storeAck, storedAck } from './deviceCursors.js';
import { FrameBudget } from './FrameBudget.js';
import { FrameSender } from './FrameSender.js';
import type { RealtimePeer } from './RealtimeHub.js';

type ClientFrame = Schema<'RealtimeClientFrame'>;
type Frame<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

/** What a connection needs from the server. */
export interface ConnectionDeps {
  services: Services;
  /** Verifies an access token and its session; throws ApiError 401. */
  authenticate(token: string): Promise<AuthContext>;
  /** Validates a parsed frame against `RealtimeClientFrame`; returns the field errors. */
  validateFrame(frame: unknown): FieldError[];
}

const AUTH_TIMEOUT_MS = 10_000;

/**
 * The server side of one realtime socket (operation `connectRealtime`): takes each client
 * frame out of the socket's frame budget, authenticates the first one, then feeds a
 * {@link DeliveryQueue}. The socket lives as long as its credentials: it is closed when the
 * access token expires without `reauth` (4408) and when the session is revoked (4403).
 */
export class RealtimeConnection implements RealtimePeer {
  private auth: AuthContext | undefined;
  private authStarted = false;
  private delivery: DeliveryQueue | undefined;
  private acks: AckRecorder | undefined;
  private lastHeard = Date.now();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly out: FrameSender;
  private readonly budget: FrameBudget;
  private readonly credentials = new CredentialTimer(() => this.tokenExpired());

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    const { config } = deps.services;
    this.out = new FrameSender(socket, config.realtimeMaxBufferedBytes);
    this.budget = new FrameBudget(config.realtimeFrameBurst, config.realtimeFramesPerSecond);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.onClose());
    socket.on('error', () => socket.terminate());
    this.timers.push(
      setTimeout(() => this.auth || this.reject('No auth frame within 10 s.'), AUTH_TIMEOUT_MS),
    );
    const heartbeat = config.heartbeatIntervalMs;
    this.timers.push(setInterval(() => this.checkHeartbeat(heartbeat), heartbeat));
  }

  /** Queues a live event; dropped if this socket already sent that position. */
  pushLive(committed: CommittedEvent): void {
    this.delivery?.pushLive(committed);
  }

  /** Drops the socket without a closing handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  /** The session was revoked: `auth.session_revoked`, then close 4403. */
  endSession(): void {
    const detail = 'This session was logged out or revoked; log in again.';
    this.out.close(CloseCode.sessionRevoked, new ApiError(401, 'auth.session_revoked', detail));
  }

  /** Resolves once this socket's acknowledgements are stored. */
  settled(): Promise<void> {
    return this.acks?.settled() ?? Promise.resolve();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (!this.out.open) return;
    this.lastHeard = Date.now();
    const frame = isBinary ? undefined : parseJson(String(data));
    const errors =
      frame === undefined
        ? [{ pointer: '/frame', detail: 'is not a JSON text frame' }]
        : this.deps.validateFrame(frame);
    const valid = errors.length === 0 ? (frame as ClientFrame) : undefined;
    const cost = !valid ? INVALID_FRAME_COST : valid.type === 'resume' ? RESUME_FRAME_COST : 1;
    if (!this.budget.take(cost)) this.rateLimited();
    else if (valid) this.dispatch(valid);
    else if (!this.auth) this.reject('The first frame must be a valid auth frame.');
    else {
      const detail = 'The frame is not a valid RealtimeClientFrame.';
      this.out.sendError(new ApiError(422, 'realtime.invalid_frame', detail, { errors }));
    }
  }

  private dispatch(frame: ClientFrame): void {
    if (frame.type === 'auth') this.onAuth(frame);
    else if (!this.auth || !this.delivery) this.reject('The first frame must be an auth frame.');
    else if (frame.type === 'ping') this.out.send({ type: 'pong' });
    else if (frame.type === 'resume') this.resume(this.delivery, frame.since);
    else if (frame.type === 'ack') this.ack(this.delivery, frame.position);
    else if (frame.type === 'reauth') void this.reauthenticate(frame);
  }

  private onAuth(frame: Frame<'auth'>): void {
    if (!this.authStarted) {
      this.authStarted = true;
      void this.authenticate(frame);
      return;
    }
    const detail = 'This socket is already authenticated.';
    this.out.sendError(new ApiError(409, 'realtime.invalid_frame', detail));
  }

  private async authenticate(frame: Frame<'auth'>): Promise<void> {
    const { services } = this.deps;
    let auth: AuthContext;
    try {
      auth = await this.deps.authenticate(frame.access_token);
    } catch (error) {
      return this.reject(
        error instanceof ApiError ? error.detail : 'The access token is not valid.',
      );
    }
    const deviceId = frame.device_id;
    const since =
      frame.since ?? (deviceId ? await storedAck(services.db, auth.userId, deviceId) : undefined);
    if (!this.out.open) return;
    this.auth = auth;
    this.credentials.renew(frame.access_token);
    if (deviceId) this.acks = this.ackRecorder(auth.userId, deviceId);
    this.delivery = new DeliveryQueue(this.out, services, auth.userId, (error) =>
      this.failed(error),
    );
    // Subscribe before queueing the backlog: live events queue behind it and duplicates are dropped.
    services.hub.add(auth, this);
    // A revocation published while this socket authenticated did not reach it through the hub.
    if (!(await this.sessionIsLive(auth))) return this.endSession();
    this.delivery.start(
      {
        user_id: auth.userId,
        heartbeat_interval_ms: services.config.heartbeatIntervalMs,
        access_expires_in_ms: this.credentials.remainingMs(),
      },
      since,
    );
  }

  private async reauthenticate(frame: Frame<'reauth'>): Promise<void> {
    let auth: AuthContext;
    try {
      auth = await this.deps.authenticate(frame.access_token);
    } catch (error) {
      return this.credentialsRefused(error);
    }
    if (auth.userId !== this.auth?.userId || auth.sessionId !== this.auth.sessionId) {
      return this.reject('The reauth token belongs to another user or session.');
    }
    this.credentials.renew(frame.access_token);
    const remaining = this.credentials.remainingMs();
    this.delivery?.send({ type: 'reauthenticated', access_expires_in_ms: remaining });
  }

  private credentialsRefused(error: unknown): void {
    if (!(error instanceof ApiError)) this.reject('The access token is not valid.');
    else if (error.code === 'auth.session_revoked') this.endSession();
    else if (error.code === 'auth.token_expired') this.out.close(CloseCode.tokenExpired, error);
    else this.reject(error.detail);
  }

  private resume(delivery: DeliveryQueue, since: number): void {
    if (delivery.replay(since)) return;
    const detail = 'A resume is still replaying on this socket; wait for it to finish.';
    this.out.sendError(new ApiError(409, 'realtime.resume_in_progress', detail));
  }

  private ack(delivery: DeliveryQueue, position: number): void {
    if (position <= delivery.ackCeiling) this.acks?.note(position);
  }

  private ackRecorder(userId: string, deviceId: string): AckRecorder {
    const { db, logger } = this.deps.services;
    return new AckRecorder(
      (position) => storeAck(db, userId, deviceId, position),
      (error) => logger.error({ err: error }, 'storing a realtime ack failed'),
    );
  }

  private async sessionIsLive(auth: AuthContext): Promise<boolean> {
    try {
      await requireLiveSession(this.deps.services, auth);
      return true;
    } catch {
      return false;
    }
  }

  private tokenExpired(): void {
    const detail = 'The access token expired; send reauth with a fresh token before it does.';
    this.out.close(CloseCode.tokenExpired, new ApiError(401, 'auth.token_expired', detail));
  }

  private rateLimited(): void {
    const detail = 'This socket sent more frames than its budget allows.';
    this.out.close(CloseCode.rateLimited, new ApiError(429, 'realtime.rate_limited', detail));
  }

  private reject(detail: string): void {
    const error = new ApiError(401, 'realtime.unauthenticated', detail);
    this.out.close(CloseCode.unauthenticated, error);
  }

  private failed(error: unknown): void {
    this.deps.services.logger.error({ err: error }, 'realtime task failed');
    this.socket.terminate();
  }

  private checkHeartbeat(intervalMs: number): void {
    const silentMs = Date.now() - this.lastHeard;
    if (silentMs > intervalMs * 2.4) this.socket.terminate();
    else if (silentMs >= intervalMs) this.out.send({ type: 'ping' });
  }

  private onClose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.credentials.stop();
    if (this.auth) this.deps.services.hub.remove(this.auth, this);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
