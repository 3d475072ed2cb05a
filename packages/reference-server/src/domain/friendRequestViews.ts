import type { FriendRequestsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { toUserRef, userColumns } from './userViews.js';

type FriendRequest = Schema<'FriendRequest'>;

/**
 * Friend requests as the API shows them (`FriendRequest`), with both users embedded.
 * Loads every user the rows mention in one query, whatever the number of rows.
 */
export async function toFriendRequests(
  db: Database,
  rows: readonly FriendRequestsTable[],
): Promise<FriendRequest[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((row) => [row.from_user_id, row.to_user_id]))];
  const users = await db.selectFrom('users').select(userColumns).where('id', 'in', ids).execute();
  const refs = new Map(users.map((user) => [user.id, toUserRef(user)]));
  return rows.map((row) => ({
    id: row.id,
    from: refs.get(row.from_user_id)!,
    to: refs.get(row.to_user_id)!,
    message: row.message,
    status: row.status,
    reason: row.reason,
    created_at: row.created_at,
    responded_at: row.responded_at,
  }));
}

/** One friend request as the API shows it; see {@link toFriendRequests}. */
export async function toFriendRequest(
  db: Database,
  row: FriendRequestsTable,
): Promise<FriendRequest> {
  const [view] = await toFriendRequests(db, [row]);
  return view!;
}
