import type { WebSocket } from 'ws';
import { ApiError } from '../http/ApiError.js';
import { problemDetails } from '../http/problemDetails.js';
import type { Schema } from '../spec/operationTypes.js';
import { CloseCode } from './closeCodes.js';

type ServerFrame = Schema<'RealtimeServerFrame'>;

/** How often a replay checks whether the client read its buffered data, in ms. */
const DRAIN_POLL_MS = 10;

/** `ws` send options for pre-encoded UTF-8 JSON: a text message, sent as the bytes given. */
const AS_TEXT = { binary: false } as const;

/**
 * Writes frames to one socket without letting a client that does not read pile up memory:
 * a frame that would take the socket's unsent data (`bufferedAmount`) past `maxBufferedBytes`
 * is not sent; the socket gets `realtime.slow_consumer` and is closed with 4503.
 */
export class FrameSender {
  /**
   * @param maxBufferedBytes unsent bytes allowed (`ServerConfig.realtimeMaxBufferedBytes`).
   */
  constructor(
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  /** True while frames can be sent (not closing or closed). */
  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Sends a frame; false when the socket is closed or was just closed as a slow consumer. */
  send(frame: ServerFrame): boolean {
    return this.open && this.sendBytes(Buffer.from(JSON.stringify(frame)));
  }

  /**
   * Sends a frame already encoded as UTF-8 JSON (shared by every socket an event goes to, so
   * it is never re-encoded per socket); false when closed or just closed as a slow consumer.
   */
  sendBytes(data: Buffer): boolean {
    if (!this.open) return false;
    if (this.socket.bufferedAmount + data.length > this.maxBufferedBytes) {
      const detail = `More than ${this.maxBufferedBytes} bytes waited for this socket to read them.`;
      this.close(CloseCode.slowConsumer, new ApiError(503, 'realtime.slow_consumer', detail));
      return false;
    }
    this.socket.send(data, AS_TEXT);
    return true;
  }

  /** Drops the socket without a closing handshake, as a network failure would. */
  terminate(): void {
    this.socket.terminate();
  }

  /** Sends an `error` frame (RFC 9457 problem details inside). */
  sendError(error: ApiError, extra: { head_position?: number } = {}): boolean {
    return this.send({ type: 'error', error: problemDetails(error, '/realtime'), ...extra });
  }

  /** Sends `error` as a last frame (past the buffer limit, it is small) and closes with `code`. */
  close(code: number, error: ApiError): void {
    if (!this.open) return;
    this.socket.send(JSON.stringify({ type: 'error', error: problemDetails(error, '/realtime') }));
    this.socket.close(code, error.code);
  }

  /**
   * Waits until at most half the buffer limit is unsent, so a replay never outruns its reader.
   * @param timeoutMs how long the client may take, in ms; past it the socket is closed (4503).
   * @returns false when the socket closed instead.
   */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.open && this.socket.bufferedAmount > this.maxBufferedBytes / 2) {
      if (Date.now() > deadline) {
        const detail = `The socket did not read its data within ${timeoutMs} ms.`;
        this.close(CloseCode.slowConsumer, new ApiError(503, 'realtime.slow_consumer', detail));
      }
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    return this.open;
  }
}
