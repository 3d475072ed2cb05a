import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { ReadTimeTables } from '../db/schema/messageChangeTables.js';
import type { Schema } from '../spec/operationTypes.js';
import { findAccessibleMessage, messageNotFound } from './messageAccess.js';
import { toUserRef, userColumns } from './userViews.js';

/** Most readers `getMessageReceipts` lists (`MessageReceipts.read_by`); the counts are exact. */
export const MAX_LISTED_READERS = 100;

/**
 * Who read a message (operation `getMessageReceipts`), from the members' read positions: a member
 * has read every message up to their position. The audience is the current members besides the
 * sender who were there when it was sent; `read_by` lists the first 100 readers by the time their
 * read position reached it or later (`read_at`: when that position was set), the counts are exact.
 * Any member who sees the message may ask.
 * @throws ApiError 404 `message.not_found`.
 */
export async function getMessageReceipts(
  db: Kysely<DatabaseSchema>,
  callerId: string,
  messageId: string,
): Promise<Schema<'MessageReceipts'>> {
  const found = await findAccessibleMessage(db, messageId, callerId);
  if (found.hidden) throw messageNotFound();
  const { row } = found;
  const members = await db
    .withTables<ReadTimeTables>()
    .selectFrom('conversation_members as cm')
    .innerJoin('users', 'users.id', 'cm.user_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['cm.last_read_seq', 'cm.last_read_at', 'cm.joined_at'])
    .where('cm.conversation_id', '=', row.conversation_id)
    .where('cm.user_id', '!=', row.sender_id)
    .where('cm.left_position', 'is', null)
    .where('cm.visible_from_seq', '<', row.seq)
    .execute();
  const readers = members
    .filter((m) => Number(m.last_read_seq) >= row.seq)
    .map((m) => ({ user: toUserRef(m), read_at: m.last_read_at ?? m.joined_at }))
    .sort((a, b) => (a.read_at < b.read_at ? -1 : a.read_at > b.read_at ? 1 : 0));
  return {
    message_id: row.id,
    conversation_id: row.conversation_id,
    read_by: readers.slice(0, MAX_LISTED_READERS),
    read_count: readers.length,
    unread_count: members.length - readers.length,
  };
}
