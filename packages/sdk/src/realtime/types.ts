import type {
  RealtimeEphemeralEvent,
  RealtimeEvent,
  RealtimeHelloFrame,
} from '../generated/openapi.js';
import type { ImkitError } from '../ImkitError.js';
import type { BackoffOptions } from './backoff.js';

/** Options of `ImkitClient.realtime()`. */
export interface RealtimeOptions {
  /** A stable id of this device or app install; the server keeps acknowledged positions per device. */
  deviceId?: string;
  /**
   * Resume after this stream position (the last one processed in an earlier run): every event
   * exactly once. Default: after the device's last stored ack (at-least-once), or, with
   * neither, live from now with a `resync` right after `open`.
   */
  since?: number;
  /** Ping interval in ms. Default: the server's `hello.heartbeat_interval_ms` (25000). */
  heartbeatIntervalMs?: number;
  /** Reconnect backoff. Default: full jitter from 500 ms up to 30000 ms. */
  reconnect?: BackoffOptions;
  /** Send `ack` frames after listeners ran. Default: true. */
  autoAck?: boolean;
}

/** `idle` before `connect()`, `open` after `hello`, `closed` after `close()` or a fatal error. */
export type RealtimeState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Delivered with every event. */
export interface RealtimeEventMeta {
  /** The event's stream position. */
  position: number;
}

/** The event types the server pushes (`message.created`...). */
export type RealtimeEventType = RealtimeEvent['type'];

/** The `data` of one event type (`message.created` -> `Message`). */
export type RealtimeEventData<T extends RealtimeEventType> = Extract<
  RealtimeEvent,
  { type: T }
>['data'];

/** Listeners of the connection's own life. */
export interface RealtimeLifecycleListeners {
  /** Every event, whatever its type. */
  event: (event: RealtimeEvent, meta: RealtimeEventMeta) => void;
  /** The server accepted the connection (`hello`), the first time and after every reconnect. */
  open: (hello: RealtimeHelloFrame) => void;
  /** The socket was lost; the next attempt starts after `delayMs` ms. */
  reconnecting: (info: { attempt: number; delayMs: number }) => void;
  /**
   * Events may have been missed (`realtime.resync_required`: no position to resume from, or one
   * too far behind): refetch over HTTP; the stream continues after `head_position`.
   */
  resync: (info: { head_position: number }) => void;
  /**
   * The client stopped for good: `close()`, the server refused the token (4401) or the session
   * was revoked (4403, for example by `logout`).
   */
  close: (info: { code: number; reason: string }) => void;
  /**
   * Every ephemeral event (`typing`, `presence.updated`), whatever its type: no position,
   * never acknowledged, never replayed after a reconnect.
   */
  ephemeral: (event: RealtimeEphemeralEvent) => void;
  /** A problem that does not stop the client (an `error` frame, a listener that threw), or the one that did. */
  error: (error: ImkitError) => void;
}

/** One listener per server event type, typed by its `data`. */
export type RealtimeEventListeners = {
  [E in RealtimeEvent as E['type']]: (data: E['data'], meta: RealtimeEventMeta) => void;
};

/**
 * One listener per ephemeral event type, typed by its `data`: `typing` (`TypingIndicator`: a
 * member started or stopped typing; without a new `started` an indicator hides itself after
 * 6 seconds) and `presence.updated` (`PresenceChange`: a friend came online or went offline).
 */
export type RealtimeEphemeralListeners = {
  [E in RealtimeEphemeralEvent as E['type']]: (data: E['data']) => void;
};

/** Everything `RealtimeClient.on()` accepts. */
export type RealtimeListeners = RealtimeLifecycleListeners &
  RealtimeEventListeners &
  RealtimeEphemeralListeners;

/** The subset of the WebSocket API the client uses; met by browsers' `WebSocket` and by `ws`. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string }) => void,
  ): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
}

/** A WebSocket constructor, such as `globalThis.WebSocket` or `ws`'s default export. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;
