import type { FriendRequestsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { findUserById } from './users.js';
import { toUserRef } from './userViews.js';

/** A friend request as the API shows it (`FriendRequest`), with both users embedded. */
export async function toFriendRequest(
  db: Database,
  row: FriendRequestsTable,
): Promise<Schema<'FriendRequest'>> {
  const [from, to] = await Promise.all([
    findUserById(db, row.from_user_id),
    findUserById(db, row.to_user_id),
  ]);
  return {
    id: row.id,
    from: toUserRef(from!),
    to: toUserRef(to!),
    message: row.message,
    status: row.status,
    reason: row.reason,
    created_at: row.created_at,
    responded_at: row.responded_at,
  };
}
