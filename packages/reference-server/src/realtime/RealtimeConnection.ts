import type { RawData, WebSocket } from 'ws';
import type { AuthContext } from '../auth/AuthContext.js';
import type { Services } from '../domain/Services.js';
import { isSessionLive } from '../domain/sessions.js';
import { ApiError, type FieldError } from '../http/ApiError.js';
import { problemDetails } from '../http/problemDetails.js';
import type { Schema } from '../spec/operationTypes.js';
import type { AckRecorder } from './AckRecorder.js';
import type { ConnectionSweep, Sweepable } from './ConnectionSweep.js';
import { CredentialTimer } from './CredentialTimer.js';
import { CloseCode, closeCodeForRefusedToken, closingProblems } from './closeCodes.js';
import { DeliveryQueue } from './DeliveryQueue.js';
import { deviceAckRecorder, storedAck } from './deviceCursors.js';
import type { EventFrame } from './EventFrame.js';
import { FrameBudget } from './FrameBudget.js';
import { FrameSender } from './FrameSender.js';
import type { RealtimePeer } from './RealtimeHub.js';
import { readFrame } from './readFrame.js';
import { ServerHeartbeat } from './ServerHeartbeat.js';

type ClientFrame = Schema<'RealtimeClientFrame'>;
type Frame<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

/** What a connection needs from the server. */
export interface ConnectionDeps {
  services: Services;
  /** Verifies an access token and its session; throws ApiError 401. */
  authenticate(token: string): Promise<AuthContext>;
  /** Validates a parsed frame against `RealtimeClientFrame`; returns the field errors. */
  validateFrame(frame: unknown): FieldError[];
  /** The server's one timer for every socket's deadlines. */
  sweep: ConnectionSweep;
  /** Called once the socket closed (one function for every connection). */
  closed(connection: RealtimeConnection): void;
}

/** The `error` listener of every socket: drop it (one function, not a closure per socket). */
function terminateOnError(this: WebSocket): void {
  this.terminate();
}

const AUTH_TIMEOUT_MS = 10_000;

/**
 * The server side of one realtime socket (operation `connectRealtime`): takes each client
 * frame out of the socket's frame budget, authenticates the first one, then feeds a
 * {@link DeliveryQueue}. The socket lives as long as its credentials: it is closed when the
 * access token expires without `reauth` (4408) and when the session is revoked (4403).
 * Its deadlines (authentication, heartbeat, token expiry) are checked by the server's
 * {@link ConnectionSweep}, so an idle socket holds no timer of its own.
 */
export class RealtimeConnection implements RealtimePeer, Sweepable {
  private auth: AuthContext | undefined;
  private authStarted = false;
  private delivery: DeliveryQueue | undefined;
  private acks: AckRecorder | undefined;
  private readonly authDeadline: number;
  private readonly heartbeat: ServerHeartbeat;
  private readonly out: FrameSender;
  private readonly budget: FrameBudget;
  private readonly credentials = new CredentialTimer();
  /** The typing frames being relayed, in order (`Services.typing`). */
  private typingRelays: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    const { config } = deps.services;
    this.out = new FrameSender(socket, config.realtimeMaxBufferedBytes);
    this.budget = new FrameBudget(config.realtimeFrameBurst, config.realtimeFramesPerSecond);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.onClose());
    socket.on('error', terminateOnError);
    const now = Date.now();
    this.authDeadline = now + AUTH_TIMEOUT_MS;
    this.heartbeat = new ServerHeartbeat(config.heartbeatIntervalMs, now);
    deps.sweep.add(this);
  }

  /** Queues a live event's frame; dropped if this socket already sent that position. */
  pushLive(frame: EventFrame): void {
    this.delivery?.pushLive(frame);
  }

  /**
   * Checks the deadlines at `now` (ms since the epoch): no auth frame within 10 s (4401),
   * an expired access token (4408), a silent socket (pinged, then dropped).
   */
  sweep(now: number): void {
    if (!this.auth && now > this.authDeadline) this.reject('No auth frame within 10 s.');
    else if (this.credentials.expired(now)) {
      this.out.close(CloseCode.tokenExpired, closingProblems.tokenExpired());
    } else {
      const verdict = this.heartbeat.check(now);
      if (verdict === 'dead') this.socket.terminate();
      else if (verdict === 'ping') this.out.send({ type: 'ping' });
    }
  }

  /** Queues an ephemeral frame (typing, presence) behind what this socket was already sent. */
  pushEphemeral(frame: Schema<'RealtimeEphemeralFrame'>): void {
    this.delivery?.send(frame);
  }

  /** Drops the socket without a closing handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  /** The session was revoked: `auth.session_revoked`, then close 4403. */
  endSession(): void {
    this.out.close(CloseCode.sessionRevoked, closingProblems.sessionRevoked());
  }

  /** Resolves once this socket's acknowledgements are stored. */
  settled(): Promise<void> {
    return this.acks?.settled() ?? Promise.resolve();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (!this.out.open) return;
    this.heartbeat.heard(Date.now());
    const { frame, errors, cost } = readFrame(data, isBinary, this.deps.validateFrame);
    if (!this.budget.take(cost)) {
      this.out.close(CloseCode.rateLimited, closingProblems.rateLimited());
    } else if (frame) this.dispatch(frame);
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
    else if (frame.type === 'typing') {
      const { auth, delivery } = this;
      if (!this.deps.services.typing.admit(auth.userId, frame)) return;
      // One relay at a time per socket: a `stopped` never overtakes the `started` before it.
      this.typingRelays = this.typingRelays.then(() => this.typing(auth, delivery, frame));
    }
  }

  /** Relays a typing frame (never rejects); a refusal (not a member) is answered with an error frame. */
  private async typing(
    auth: AuthContext,
    delivery: DeliveryQueue,
    frame: Frame<'typing'>,
  ): Promise<void> {
    try {
      await this.deps.services.typing.relay(auth.userId, frame);
    } catch (error) {
      if (error instanceof ApiError) {
        delivery.send({ type: 'error', error: problemDetails(error, '/realtime') });
      } else {
        this.deps.services.logger.warn({ err: error }, 'typing not relayed');
      }
    }
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
    if (deviceId) this.acks = deviceAckRecorder(services, auth.userId, deviceId);
    this.delivery = new DeliveryQueue(this.out, services, auth.userId);
    // Subscribe before queueing the backlog: live events queue behind it and duplicates are dropped.
    services.hub.add(auth, this);
    // A revocation published while this socket authenticated did not reach it through the hub.
    if (!(await isSessionLive(services, auth))) return this.endSession();
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
    const code = error instanceof ApiError ? closeCodeForRefusedToken(error) : undefined;
    if (code && code !== CloseCode.unauthenticated) this.out.close(code, error as ApiError);
    else this.reject(error instanceof ApiError ? error.detail : 'The access token is not valid.');
  }

  private resume(delivery: DeliveryQueue, since: number): void {
    if (delivery.replay(since)) return;
    const detail = 'A resume is still replaying on this socket; wait for it to finish.';
    this.out.sendError(new ApiError(409, 'realtime.resume_in_progress', detail));
  }

  private ack(delivery: DeliveryQueue, position: number): void {
    if (position <= delivery.ackCeiling) this.acks?.note(position);
  }

  private reject(detail: string): void {
    this.out.close(CloseCode.unauthenticated, closingProblems.unauthenticated(detail));
  }

  private onClose(): void {
    this.deps.sweep.delete(this);
    if (this.auth) this.deps.services.hub.remove(this.auth, this);
    this.deps.closed(this);
  }
}
