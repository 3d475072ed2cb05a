import type {
  RealtimeClientFrame,
  RealtimeErrorFrame,
  RealtimeEventFrame,
  RealtimeHelloFrame,
  RealtimeServerFrame,
  TypingState,
} from '../generated/openapi.js';
import { ImkitError } from '../ImkitError.js';
import { errorFromProblem, networkError } from '../toImkitError.js';
import { AckScheduler } from './AckScheduler.js';
import { backoffDelay } from './backoff.js';
import { Emitter } from './Emitter.js';
import { Heartbeat } from './Heartbeat.js';
import { reauthDelay } from './reauthDelay.js';
import type {
  RealtimeListeners,
  RealtimeOptions,
  RealtimeState,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js';

/** What a {@link RealtimeClient} needs from the HTTP client. */
export interface RealtimeDeps {
  /** `ws://.../realtime`. */
  url: string;
  WebSocket: WebSocketConstructor;
  /** A valid access token (refreshed when close to expiry), or null when logged out. */
  getAccessToken: () => Promise<string | null>;
}

interface Waiter {
  resolve: (hello: RealtimeHelloFrame) => void;
  reject: (error: ImkitError) => void;
}

const OPEN = 1;
/** Close codes after which the client stops for good (see `connectRealtime`). */
const FATAL_CLOSE_CODES: Readonly<Record<number, ImkitError['code']>> = {
  4401: 'realtime.unauthenticated',
  4403: 'auth.session_revoked',
};
/** The server closed the socket because its access token expired: reconnect at once. */
const TOKEN_EXPIRED_CLOSE_CODE = 4408;
/** How long to wait before asking again for a fresh token to re-authenticate with, in ms. */
const REAUTH_RETRY_MS = 1000;
/** How often a shown typing indicator is renewed, in ms (`RealtimeTypingFrame`: every 3 s). */
const TYPING_RENEW_MS = 3000;
/** Least time between two `started` frames of one conversation, in ms (the server drops faster ones). */
const TYPING_MIN_INTERVAL_MS = 1000;
/** How long receivers show an indicator without a renewal, in ms (`TypingState`: 6 s). */
const TYPING_EXPIRES_MS = 6000;

/**
 * The realtime connection (operation `connectRealtime`, `GET /realtime`, RFC 6455). Delivers
 * every event once, in stream order: after a lost socket it reconnects with jittered backoff
 * and resumes with `auth.since` set to the last processed position; an event at or below that
 * position is dropped, and so is anything from a socket that was replaced. Before the access
 * token expires it sends `reauth` with a fresh one, so the server does not close the socket
 * (4408). A revoked session (4403) or a refused token (4401) stops it for good; other closes
 * (4408, 4429 rate limited, 4503 slow consumer, network) reconnect with backoff. Create it with
 * `ImkitClient.realtime()`.
 * @example
 * const rt = client.realtime({ deviceId: 'laptop' });
 * rt.on('message.created', (message) => render(message));
 * rt.on('typing', ({ conversation_id, user, state }) => showTyping(conversation_id, user, state));
 * await rt.connect();
 * input.oninput = () => rt.sendTyping(conversationId, 'started');
 */
export class RealtimeClient {
  readonly #deps: RealtimeDeps;
  readonly #options: RealtimeOptions;
  readonly #emitter = new Emitter<RealtimeListeners>((error, type) => {
    if (type !== 'error') this.#listenerFailed(error);
  });
  readonly #acks = new AckScheduler((position) => this.#send({ type: 'ack', position }));
  readonly #heartbeat = new Heartbeat(
    () => this.#send({ type: 'ping' }),
    () => this.#socketDead(),
  );
  #state: RealtimeState = 'idle';
  #position: number | null;
  #socket: WebSocketLike | null = null;
  #hello: RealtimeHelloFrame | null = null;
  #hasOpened = false;
  #attempt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #reauthTimer: ReturnType<typeof setTimeout> | null = null;
  /** The access token the current socket authenticated (or last re-authenticated) with. */
  #token: string | null = null;
  #waiters: Waiter[] = [];
  /** Per conversation: when the last `started` was sent, and whether it is still shown. */
  #typing = new Map<string, { at: number; shown: boolean }>();
  /** Bumped by every stop, so an `#open()` that outlived its client run gives up. */
  #run = 0;

  constructor(deps: RealtimeDeps, options: RealtimeOptions = {}) {
    this.#deps = deps;
    this.#options = options;
    this.#position = options.since ?? null;
  }

  /** Where the connection stands; it is `open` only after the server's `hello`. */
  get state(): RealtimeState {
    return this.#state;
  }

  /** The stream position of the last event processed (listeners ran), or null before any. */
  get position(): number | null {
    return this.#position;
  }

  /**
   * Adds a listener for an event type (`message.created`...), for every event (`event`) or for a
   * lifecycle change (`open`, `reconnecting`, `resync`, `close`, `error`).
   * @returns A function that removes the listener.
   */
  on<K extends keyof RealtimeListeners>(type: K, listener: RealtimeListeners[K]): () => void {
    return this.#emitter.on(type, listener);
  }

  /**
   * Opens the socket and authenticates. Resolves with the server's `hello`. Rejects with an
   * `ImkitError` when the first attempt fails: `realtime.unauthenticated` (no or bad token),
   * `network.failed` (no socket, or closed before `hello`) or `realtime.closed` (`close()`
   * was called). Later losses reconnect on their own.
   */
  connect(): Promise<RealtimeHelloFrame> {
    if (this.#state === 'open' && this.#hello) return Promise.resolve(this.#hello);
    const waiting = new Promise<RealtimeHelloFrame>((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
    if (this.#state === 'idle' || this.#state === 'closed') {
      this.#hasOpened = false;
      this.#state = 'connecting';
      void this.#open();
    }
    return waiting;
  }

  /** Closes the socket after sending the last ack; the client does not reconnect afterwards. */
  close(): void {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    this.#acks.flush();
    this.#stop(
      new ImkitError({ status: 0, code: 'realtime.closed', message: 'Closed by the client' }),
    );
    this.#emitter.emit('close', { code: 1000, reason: 'closed by client' });
  }

  /**
   * Shows (`started`) or hides (`stopped`) my typing indicator to the other members of a
   * conversation (a `typing` frame, see `RealtimeTypingFrame`). Call it with `started` on every
   * keystroke: the client sends only what the server relays, a `started` when none is shown
   * (at most one a second) and a renewal every 3 seconds while typing; a `stopped` only when an
   * indicator is shown. Sends nothing while the socket is not open. A conversation the caller is
   * not a member of gets a `conversation.not_found` `error` event.
   * @returns true when a frame was sent.
   */
  sendTyping(conversationId: string, state: TypingState = 'started'): boolean {
    const now = Date.now();
    const last = this.#typing.get(conversationId);
    const age = now - (last?.at ?? 0);
    if (state === 'stopped') {
      if (!last?.shown || age >= TYPING_EXPIRES_MS) return false;
      last.shown = false;
    } else if (age < (last?.shown ? TYPING_RENEW_MS : TYPING_MIN_INTERVAL_MS)) return false;
    if (!this.#send({ type: 'typing', conversation_id: conversationId, state })) return false;
    if (state === 'started') this.#typing.set(conversationId, { at: now, shown: true });
    return true;
  }

  async #open(): Promise<void> {
    const run = this.#run;
    let token: string | null;
    try {
      token = await this.#deps.getAccessToken();
    } catch (error) {
      if (run === this.#run)
        this.#attemptFailed(error instanceof ImkitError ? error : networkError(error));
      return;
    }
    if (run !== this.#run || this.#state === 'closed') return;
    if (!token) {
      const message = 'Not logged in: no access token';
      this.#fail(new ImkitError({ status: 401, code: 'realtime.unauthenticated', message }), 4401);
      return;
    }
    this.#connectSocket(token);
  }

  #connectSocket(token: string): void {
    let socket: WebSocketLike;
    try {
      socket = new this.#deps.WebSocket(this.#deps.url);
    } catch (error) {
      this.#attemptFailed(networkError(error));
      return;
    }
    this.#socket = socket;
    this.#token = token;
    const current = () => this.#socket === socket;
    socket.addEventListener('open', () => current() && this.#send(this.#authFrame(token)));
    socket.addEventListener('message', (event: { data: unknown }) => {
      if (current()) this.#receive(event.data);
    });
    socket.addEventListener('close', (event: { code: number; reason: string }) => {
      if (current()) this.#socketLost(event.code, event.reason);
    });
    socket.addEventListener('error', () => {});
  }

  #authFrame(accessToken: string): RealtimeClientFrame {
    const frame: RealtimeClientFrame = { type: 'auth', access_token: accessToken };
    if (this.#position !== null) frame.since = this.#position;
    if (this.#options.deviceId !== undefined) frame.device_id = this.#options.deviceId;
    return frame;
  }

  #receive(data: unknown): void {
    this.#heartbeat.received();
    let frame: RealtimeServerFrame;
    try {
      frame = JSON.parse(String(data)) as RealtimeServerFrame;
    } catch (error) {
      this.#emitError(new ImkitError({ status: 0, code: 'realtime.invalid_frame', cause: error }));
      return;
    }
    this.#dispatch(frame);
  }

  #dispatch(frame: RealtimeServerFrame): void {
    if (frame.type === 'hello') this.#onHello(frame);
    else if (frame.type === 'reauthenticated') this.#scheduleReauth(frame.access_expires_in_ms);
    else if (frame.type === 'event') this.#onEvent(frame);
    else if (frame.type === 'ping') this.#send({ type: 'pong' });
    else if (frame.type === 'error') this.#onErrorFrame(frame);
    else if (frame.type === 'ephemeral') {
      const { event } = frame;
      (this.#emitter as unknown as Emitter<Record<string, (data: unknown) => void>>).emit(
        event.type,
        event.data,
      );
      this.#emitter.emit('ephemeral', event);
    }
  }

  #onHello(hello: RealtimeHelloFrame): void {
    this.#state = 'open';
    this.#hello = hello;
    this.#hasOpened = true;
    this.#attempt = 0;
    this.#position ??= hello.resume_from ?? hello.head_position;
    this.#heartbeat.start(this.#options.heartbeatIntervalMs ?? hello.heartbeat_interval_ms);
    this.#scheduleReauth(hello.access_expires_in_ms);
    this.#acks.flush();
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(hello);
    this.#emitter.emit('open', hello);
  }

  #onEvent({ position, event }: RealtimeEventFrame): void {
    if (this.#position !== null && position <= this.#position) return;
    const meta = { position };
    const byType = this.#emitter as unknown as Emitter<
      Record<string, (...args: unknown[]) => void>
    >;
    byType.emit(event.type, event.data, meta);
    this.#emitter.emit('event', event, meta);
    this.#position = position;
    if (this.#options.autoAck !== false) this.#acks.note(position);
  }

  #onErrorFrame(frame: RealtimeErrorFrame): void {
    const error = errorFromProblem(frame.error);
    // The 4408 close that follows reconnects with a fresh token: nothing to report.
    if (error.code === 'auth.token_expired') return;
    if (error.code === 'realtime.unauthenticated') this.#fail(error, 4401);
    else if (error.code === 'auth.session_revoked') this.#fail(error, 4403);
    else if (error.code === 'realtime.resync_required' && frame.head_position !== undefined) {
      this.#resync(frame.head_position);
    } else this.#emitError(error);
  }

  /** The server skipped ahead: the stream continues after `headPosition`. */
  #resync(headPosition: number): void {
    this.#position = headPosition;
    if (this.#options.autoAck !== false) this.#acks.note(headPosition);
    this.#emitter.emit('resync', { head_position: headPosition });
  }

  #socketDead(): void {
    const socket = this.#socket;
    this.#detach();
    if (socket) terminate(socket);
    this.#socketLost(4000, 'heartbeat timeout');
  }

  #socketLost(code: number, reason: string): void {
    this.#detach();
    const fatal = FATAL_CLOSE_CODES[code];
    if (fatal) {
      const message = `The server closed the socket (${code}${reason ? ` ${reason}` : ''})`;
      this.#fail(new ImkitError({ status: 401, code: fatal, message }), code);
      return;
    }
    if (code === TOKEN_EXPIRED_CLOSE_CODE && this.#hasOpened && this.#state !== 'closed') {
      this.#scheduleReconnect(0);
      return;
    }
    const error = networkError(new Error(`socket closed (${code}${reason ? ` ${reason}` : ''})`));
    this.#attemptFailed(error);
  }

  /** An attempt failed without a verdict from the server: retry, unless the client never opened. */
  #attemptFailed(error: ImkitError): void {
    if (this.#state === 'closed') return;
    if (this.#hasOpened) this.#scheduleReconnect();
    else this.#fail(error, 1006);
  }

  /** Reconnects after a backoff delay; `delayMs` 0 after 4408 (only the token was stale). */
  #scheduleReconnect(delayMs?: number): void {
    this.#attempt += 1;
    delayMs ??= backoffDelay(this.#attempt, this.#options.reconnect);
    this.#state = 'reconnecting';
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#open();
    }, delayMs);
    this.#emitter.emit('reconnecting', { attempt: this.#attempt, delayMs });
  }

  /** Stops for good because of `error`; `code` is the WebSocket close code reported to `close` listeners. */
  #fail(error: ImkitError, code: number): void {
    if (this.#state === 'closed') return;
    const hadWaiters = this.#waiters.length > 0;
    this.#stop(error);
    if (!hadWaiters) this.#emitError(error);
    this.#emitter.emit('close', { code, reason: error.message });
  }

  #stop(error: ImkitError): void {
    this.#state = 'closed';
    this.#run += 1;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const socket = this.#socket;
    this.#detach();
    socket?.close(1000);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  /** Forgets the current socket: nothing it says from now on is heard. */
  #detach(): void {
    this.#socket = null;
    this.#heartbeat.stop();
    this.#acks.reset();
    if (this.#reauthTimer) clearTimeout(this.#reauthTimer);
    this.#reauthTimer = null;
  }

  /** Plans the next `reauth`, before the socket's access token expires in `expiresInMs`. */
  #scheduleReauth(expiresInMs: number, delayMs = reauthDelay(expiresInMs)): void {
    if (this.#reauthTimer) clearTimeout(this.#reauthTimer);
    const socket = this.#socket;
    const deadline = Date.now() + expiresInMs;
    this.#reauthTimer = setTimeout(() => void this.#reauth(socket, deadline), delayMs);
  }

  /** Sends `reauth` with a fresh token; asks again shortly while only the old one is at hand. */
  async #reauth(socket: WebSocketLike | null, deadline: number): Promise<void> {
    const token = await this.#deps.getAccessToken().catch(() => null);
    if (socket === null || socket !== this.#socket) return;
    if (token && token !== this.#token) {
      this.#token = token;
      this.#send({ type: 'reauth', access_token: token });
    } else if (Date.now() < deadline) {
      this.#scheduleReauth(deadline - Date.now(), REAUTH_RETRY_MS);
    }
  }

  /** Sends a frame on the open socket; false when there is none. */
  #send(frame: RealtimeClientFrame): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  #emitError(error: ImkitError): void {
    this.#emitter.emit('error', error);
  }

  #listenerFailed(cause: unknown): void {
    const message = `A realtime listener threw: ${cause instanceof Error ? cause.message : String(cause)}`;
    const error = new ImkitError({ status: 0, code: 'realtime.listener_failed', message, cause });
    queueMicrotask(() => this.#emitter.emit('error', error));
  }
}

/** Drops a socket at once: `ws` can `terminate()`; a browser socket can only `close()`. */
function terminate(socket: WebSocketLike): void {
  const killable = socket as WebSocketLike & { terminate?: () => void };
  if (typeof killable.terminate === 'function') killable.terminate();
  else socket.close(4000, 'heartbeat timeout');
}
