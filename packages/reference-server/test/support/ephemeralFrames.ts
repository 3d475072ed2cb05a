// Reading the ephemeral frames (typing, presence) of raw realtime sockets in tests.
import { expect } from 'vitest';
import { validateAt } from './openApiSchema.js';
import type { RawRealtime, SeenFrame } from './rawRealtime.js';

/** The `data` of a `typing` ephemeral event, as a test reads it. */
export interface SeenTyping {
  conversation_id: string;
  user: { id: string; username: string };
  state: 'started' | 'stopped';
}

/** The `data` of a `presence.updated` ephemeral event, as a test reads it. */
export interface SeenPresence {
  user_id: string;
  presence: 'online' | 'offline';
  last_seen_at: string | null;
}

/** The ephemeral events of `type` a socket received so far, in order, each checked against the spec. */
export function ephemeralData<T>(socket: RawRealtime, type: string): T[] {
  return socket.frames
    .filter((frame) => frame.type === 'ephemeral' && frame.event?.type === type)
    .map((frame) => {
      expect(validateAt('/components/schemas/RealtimeServerFrame', frame)).toEqual([]);
      return frame.event!.data as T;
    });
}

/** The typing events a socket received so far. */
export const typingSeen = (socket: RawRealtime) => ephemeralData<SeenTyping>(socket, 'typing');

/** The presence events a socket received so far. */
export const presenceSeen = (socket: RawRealtime) =>
  ephemeralData<SeenPresence>(socket, 'presence.updated');

/**
 * Waits until everything the server queued for `socket` before now has arrived: a `ping`
 * is answered after every frame already queued on this server process.
 */
export async function drained(socket: RawRealtime): Promise<void> {
  const pongs = () => socket.frames.filter((frame) => frame.type === 'pong').length;
  const before = pongs();
  socket.send({ type: 'ping' });
  await socket.frame(() => pongs() > before);
}

/** Waits for the `n`-th (1-based) frame matching `match`. */
export async function nth(
  socket: RawRealtime,
  n: number,
  match: (frame: SeenFrame) => boolean,
): Promise<SeenFrame> {
  await socket.frame(() => socket.frames.filter(match).length >= n);
  return socket.frames.filter(match)[n - 1]!;
}
