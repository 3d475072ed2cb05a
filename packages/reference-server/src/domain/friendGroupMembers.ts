import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { requireFriendGroup } from './friendGroupLookup.js';
import { friendsPage } from './listFriends.js';
import type { Services } from './Services.js';

type Trx = Transaction<DatabaseSchema>;

/** At most this many friends in one friend group (the spec's `member_count` maximum). */
export const MAX_FRIEND_GROUP_MEMBERS = 5000;
const LIST = 'friend-group-members';

/**
 * Refuses any of `userIds` who is not `ownerId`'s friend.
 * @throws ApiError 422 `friend_group.not_friend` naming `/body/user_ids/<index>` of each one.
 */
export async function requireFriends(
  trx: Trx,
  ownerId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await trx
    .selectFrom('friendships')
    .select('friend_id')
    .where('user_id', '=', ownerId)
    .where('friend_id', 'in', userIds)
    .execute();
  const friends = new Set(rows.map((r) => r.friend_id));
  const errors = userIds.flatMap((id, index) =>
    friends.has(id)
      ? []
      : [{ pointer: `/body/user_ids/${index}`, detail: 'is not your friend', keyword: 'friend' }],
  );
  if (errors.length > 0) {
    throw new ApiError(
      422,
      'friend_group.not_friend',
      'Only friends can be put in a friend group.',
      { errors },
    );
  }
}

/** Puts friends in a friend group; ones already in it stay as they are. */
export async function insertFriendGroupMembers(
  trx: Trx,
  groupId: string,
  userIds: readonly string[],
  now: string,
): Promise<void> {
  if (userIds.length === 0) return;
  await trx
    .insertInto('friend_group_members')
    .values(userIds.map((user_id) => ({ friend_group_id: groupId, user_id, added_at: now })))
    .onConflict((oc) => oc.columns(['friend_group_id', 'user_id']).doNothing())
    .execute();
}

/**
 * The friends in one of the caller's friend groups, by username, with the caller's remark and
 * their presence (operation `listFriendGroupMembers`).
 * @throws ApiError 404 `friend_group.not_found`, 422 `cursor.invalid`.
 */
export async function listFriendGroupMembers(
  services: Pick<Services, 'db' | 'cursors' | 'presence'>,
  callerId: string,
  groupId: string,
  query: OperationQuery<'listFriendGroupMembers'>,
): Promise<Schema<'FriendPage'>> {
  await requireFriendGroup(services.db, callerId, groupId);
  return friendsPage(services, callerId, query, {
    friendGroupId: groupId,
    scope: `${LIST}:${groupId}`,
  });
}

/**
 * Puts up to 100 of the caller's friends in one of their friend groups (operation
 * `addFriendGroupMembers`); ones already in it stay as they are.
 * @throws ApiError 404 `friend_group.not_found`, 422 `friend_group.not_friend` (naming each
 *   `/body/user_ids/<index>` that is not a friend; nothing is added),
 *   409 `friend_group.limit_reached` (the group would pass {@link MAX_FRIEND_GROUP_MEMBERS}).
 */
export function addFriendGroupMembers(
  services: Services,
  callerId: string,
  groupId: string,
  userIds: readonly string[],
): Promise<Schema<'FriendGroup'>> {
  return services.work(async (trx) => {
    const group = await requireFriendGroup(trx, callerId, groupId);
    await requireFriends(trx, callerId, userIds);
    const present = await trx
      .selectFrom('friend_group_members')
      .select('user_id')
      .where('friend_group_id', '=', groupId)
      .where('user_id', 'in', userIds)
      .execute();
    const added = userIds.length - present.length;
    if (group.member_count + added > MAX_FRIEND_GROUP_MEMBERS) {
      throw new ApiError(
        409,
        'friend_group.limit_reached',
        `A friend group holds at most ${MAX_FRIEND_GROUP_MEMBERS} friends.`,
      );
    }
    const now = nowIso();
    await insertFriendGroupMembers(trx, groupId, userIds, now);
    if (added > 0) {
      await trx
        .updateTable('friend_groups')
        .set({ updated_at: now })
        .where('id', '=', groupId)
        .execute();
    }
    return requireFriendGroup(trx, callerId, groupId);
  });
}

/**
 * Takes a friend out of one of the caller's friend groups (operation
 * `removeFriendGroupMember`); they stay friends.
 * @throws ApiError 404 `friend_group.not_found`, 404 `friend_group.member_not_found`.
 */
export async function removeFriendGroupMember(
  services: Services,
  callerId: string,
  groupId: string,
  userId: string,
): Promise<void> {
  await services.work(async (trx) => {
    await requireFriendGroup(trx, callerId, groupId);
    const result = await trx
      .deleteFrom('friend_group_members')
      .where('friend_group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new ApiError(404, 'friend_group.member_not_found', 'This friend is not in the group.');
    }
    await trx
      .updateTable('friend_groups')
      .set({ updated_at: nowIso() })
      .where('id', '=', groupId)
      .execute();
  });
}
