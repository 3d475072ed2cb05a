import { WebSocket } from 'ws';
import { waitFor } from './collect.js';

/** A server frame as a test reads it (loosely typed: tests also inspect invalid answers). */
export interface SeenFrame {
  type: string;
  position?: number;
  head_position?: number;
  resume_from?: number | null;
  access_expires_in_ms?: number;
  event?: { type: string; data?: unknown };
  error?: { code: string; errors?: unknown[]; errors_total?: number };
}

/** A realtime socket driven frame by frame, without the SDK. */
export interface RawRealtime {
  ws: WebSocket;
  /** Every frame received so far, parsed. */
  frames: SeenFrame[];
  /** Bytes of every frame received so far. */
  bytesReceived: number;
  /** Resolves with the close code and reason once the socket closed. */
  closed: Promise<{ code: number; reason: string }>;
  /** The close code once closed, else undefined. */
  closeCode(): number | undefined;
  send(frame: unknown): void;
  /** Waits until a frame matching `match` arrived and returns it. */
  frame(match: (frame: SeenFrame) => boolean, timeoutMs?: number): Promise<SeenFrame>;
}

/** Opens a socket to `<url>/realtime` and resolves once it is open (nothing sent yet). */
export async function openRawRealtime(url: string): Promise<RawRealtime> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/realtime`);
  let code: number | undefined;
  const raw: RawRealtime = {
    ws,
    frames: [],
    bytesReceived: 0,
    closed: new Promise((resolve) =>
      ws.on('close', (closeCode, reason) => {
        code = closeCode;
        resolve({ code: closeCode, reason: String(reason) });
      }),
    ),
    closeCode: () => code,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    async frame(match, timeoutMs = 5000) {
      await waitFor(() => raw.frames.some(match), timeoutMs, 'a matching frame');
      return raw.frames.find(match)!;
    },
  };
  ws.on('message', (data) => {
    raw.bytesReceived += String(data).length;
    raw.frames.push(JSON.parse(String(data)) as SeenFrame);
  });
  ws.on('error', () => {});
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return raw;
}

/** Opens a socket, sends `auth` with `accessToken` (plus `extra` fields) and waits for `hello`. */
export async function authenticatedRealtime(
  url: string,
  accessToken: string,
  extra: { since?: number; device_id?: string } = {},
): Promise<RawRealtime & { hello: SeenFrame }> {
  const raw = await openRawRealtime(url);
  raw.send({ type: 'auth', access_token: accessToken, ...extra });
  const hello = await raw.frame((frame) => frame.type === 'hello');
  return Object.assign(raw, { hello });
}

/** Resolves with the close code, or `undefined` if the socket is still open after `timeoutMs`. */
export function closeWithin(raw: RawRealtime, timeoutMs: number): Promise<number | undefined> {
  return Promise.race([
    raw.closed.then(({ code }) => code),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs)),
  ]);
}
