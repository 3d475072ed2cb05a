import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { FriendGroupsTable } from '../db/schema/socialTables.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';

type FriendGroup = Schema<'FriendGroup'>;

/** A friend group row with its member count. */
type FriendGroupRow = FriendGroupsTable & { member_count: number | string | bigint | null };

/** The caller's friend groups with their member counts. */
export function ownGroups(db: Database | Transaction<DatabaseSchema>, ownerId: string) {
  return db
    .selectFrom('friend_groups as g')
    .selectAll('g')
    .select((eb) =>
      eb
        .selectFrom('friend_group_members as m')
        .select((inner) => inner.fn.countAll().as('n'))
        .whereRef('m.friend_group_id', '=', 'g.id')
        .as('member_count'),
    )
    .where('g.owner_id', '=', ownerId);
}

/** The API view of a friend group (`FriendGroup`). */
export function toFriendGroup(row: FriendGroupRow): FriendGroup {
  return {
    id: row.id,
    name: row.name,
    member_count: Number(row.member_count),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * One of the caller's friend groups, with its member count.
 * @param db the database or the running unit's transaction.
 * @throws ApiError 404 `friend_group.not_found` (none with this id, or another user's).
 */
export async function requireFriendGroup(
  db: Database | Transaction<DatabaseSchema>,
  ownerId: string,
  groupId: string,
): Promise<FriendGroup> {
  const row = await ownGroups(db, ownerId).where('g.id', '=', groupId).executeTakeFirst();
  if (!row) {
    throw new ApiError(404, 'friend_group.not_found', 'You have no friend group with this id.');
  }
  return toFriendGroup(row);
}
