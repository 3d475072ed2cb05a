import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';

/** Another current member's read position, and from which `seq` on they see messages. */
export interface PeerReadPosition {
  user_id: string;
  last_read_seq: number;
  visible_from_seq: number;
}

/**
 * The read positions of a conversation's current members other than `callerId`, from which
 * `is_read` and `read_count` of the caller's own messages follow: a member has read every
 * message up to their position (operation `markConversationRead`).
 */
export async function peerReadPositions(
  db: Kysely<DatabaseSchema>,
  conversationId: string,
  callerId: string,
): Promise<PeerReadPosition[]> {
  const rows = await db
    .selectFrom('conversation_members')
    .select(['user_id', 'last_read_seq', 'visible_from_seq'])
    .where('conversation_id', '=', conversationId)
    .where('user_id', '!=', callerId)
    .where('left_position', 'is', null)
    .execute();
  return rows.map((r) => ({
    user_id: r.user_id,
    last_read_seq: Number(r.last_read_seq),
    visible_from_seq: Number(r.visible_from_seq),
  }));
}

/** How many of `peers` have read the message at `seq` (members who joined after it excluded). */
export function readCount(peers: readonly PeerReadPosition[], seq: number): number {
  let count = 0;
  for (const peer of peers) {
    if (peer.visible_from_seq < seq && peer.last_read_seq >= seq) count += 1;
  }
  return count;
}
