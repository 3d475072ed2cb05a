import type { FriendRequest } from '@imkit/sdk';
import { formatTime } from './formatTime.js';

/**
 * A friend request as a line, seen by user `myId`:
 * `[2026-11-21 09:31] pending   from bob: "Hi, it's Bob"`.
 */
export function formatFriendRequest(request: FriendRequest, myId: string): string {
  const direction =
    request.from.id === myId ? `to ${request.to.username}` : `from ${request.from.username}`;
  const note = request.message ? `: "${request.message}"` : '';
  const reason = request.reason ? ` (reason: "${request.reason}")` : '';
  return `[${formatTime(request.created_at)}] ${request.status.padEnd(8)}  ${direction}${note}${reason}`;
}

/** Pending requests first; otherwise keeps the server's order (newest first). */
export function sortPendingFirst(requests: readonly FriendRequest[]): FriendRequest[] {
  const rank = (r: FriendRequest): number => (r.status === 'pending' ? 0 : 1);
  return [...requests].sort((a, b) => rank(a) - rank(b));
}
