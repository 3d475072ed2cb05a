import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { friendPresenceVisibleTo } from './blockPresence.js';
import type { Services } from './Services.js';
import { findUserById } from './users.js';
import { toUserRef, userColumns } from './userViews.js';

/** True when `a` and `b` are friends. */
export async function areFriends(
  db: Database | Transaction<DatabaseSchema>,
  a: string,
  b: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('friendships')
    .select('user_id')
    .where('user_id', '=', a)
    .where('friend_id', '=', b)
    .executeTakeFirst();
  return row !== undefined;
}

/** Makes `a` and `b` friends (both directions); does nothing if they already are. */
export async function befriend(
  trx: Transaction<DatabaseSchema>,
  a: string,
  b: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('friendships')
    .values([
      { user_id: a, friend_id: b, remark: null, created_at: at },
      { user_id: b, friend_id: a, remark: null, created_at: at },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The key of the direct conversation of a pair (as `openDirectConversation` stores it). */
function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The id of the direct conversation between `a` and `b`, if one was ever opened. */
async function directConversationId(db: Database, a: string, b: string): Promise<string | null> {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('direct_key', '=', directKey(a, b))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The caller's side of a friendship joined with the friend's public columns. */
function friendRow(db: Database, callerId: string, friendId: string) {
  return db
    .selectFrom('friendships')
    .innerJoin('users', 'users.id', 'friendships.friend_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['friendships.remark', 'friendships.created_at as friends_since'])
    .where('friendships.user_id', '=', callerId)
    .where('friendships.friend_id', '=', friendId)
    .executeTakeFirst();
}

/** @throws ApiError 404 `friend.not_found`. */
function friendNotFound(): ApiError {
  return new ApiError(404, 'friend.not_found', 'This user is not your friend.');
}

/**
 * A friend with the caller's remark and presence (`Friend`).
 * @throws ApiError 404 `friend.not_found` (no such user, or not the caller's friend).
 */
async function loadFriend(
  { db, presence }: Pick<Services, 'db' | 'presence'>,
  callerId: string,
  friendId: string,
): Promise<Schema<'Friend'>> {
  const row = await friendRow(db, callerId, friendId);
  if (!row) throw friendNotFound();
  const presenceOf = await friendPresenceVisibleTo({ db, presence }, callerId, [row.id]);
  return {
    user: toUserRef(row),
    remark: row.remark,
    ...presenceOf(row.id),
    friends_since: row.friends_since,
  };
}

/**
 * The caller's friend with the caller's remark, presence and the caller's friend groups the
 * friend is in, by name (operation `getFriend`).
 * @throws ApiError 404 `friend.not_found` (no such user, or not the caller's friend).
 */
export async function getFriend(
  services: Pick<Services, 'db' | 'presence'>,
  callerId: string,
  friendId: string,
): Promise<Schema<'FriendDetail'>> {
  const friend = await loadFriend(services, callerId, friendId);
  const groups = await services.db
    .selectFrom('friend_group_members as m')
    .innerJoin('friend_groups as g', 'g.id', 'm.friend_group_id')
    .select(['g.id', 'g.name'])
    .where('g.owner_id', '=', callerId)
    .where('m.user_id', '=', friendId)
    .orderBy('g.name_key')
    .orderBy('g.id')
    .execute();
  return { ...friend, friend_groups: groups };
}

/**
 * Sets or clears the caller's private remark (alias) for a friend (operation `updateFriend`).
 * Only the caller sees it: the friend's own side of the friendship is untouched.
 * @param remark 1 to 50 characters, not blank (checked against the spec), stored without
 *   surrounding spaces; or null to remove it.
 * @throws ApiError 404 `friend.not_found`.
 */
export async function updateFriendRemark(
  services: Services,
  callerId: string,
  friendId: string,
  remark: string | null,
): Promise<Schema<'Friend'>> {
  await services.work(async (trx) => {
    const result = await trx
      .updateTable('friendships')
      .set({ remark: remark === null ? null : remark.trim() })
      .where('user_id', '=', callerId)
      .where('friend_id', '=', friendId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw friendNotFound();
  });
  return loadFriend(services, callerId, friendId);
}

/**
 * Ends a friendship for both users (operation `deleteFriend`): both directions go, with both
 * remarks; each leaves the other's friend groups; their direct conversation becomes `disabled`
 * (sending there answers 403 `conversation.not_friends`; history stays readable); both get
 * `friend.removed` naming the other user and the conversation.
 * @throws ApiError 404 `user.not_found` (no such user, deleted ones included),
 *   409 `friend.not_friends`.
 */
export async function removeFriend(
  services: Services,
  callerId: string,
  friendId: string,
): Promise<void> {
  const friend = await findUserById(services.db, friendId);
  if (!friend) throw new ApiError(404, 'user.not_found', 'No user has this id.');
  const caller = await findUserById(services.db, callerId);
  const conversationId = await directConversationId(services.db, callerId, friendId);
  await services.work(async (trx, emit) => {
    const result = await trx
      .deleteFrom('friendships')
      .where((eb) =>
        eb.or([
          eb.and([eb('user_id', '=', callerId), eb('friend_id', '=', friendId)]),
          eb.and([eb('user_id', '=', friendId), eb('friend_id', '=', callerId)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new ApiError(409, 'friend.not_friends', `You and ${friend.username} are not friends.`);
    }
    await removeFromFriendGroups(trx, callerId, friendId);
    await removeFromFriendGroups(trx, friendId, callerId);
    for (const [to, other] of [
      [callerId, friend],
      [friendId, caller!],
    ] as const) {
      emit({
        event: {
          type: 'friend.removed',
          data: { user: toUserRef(other), conversation_id: conversationId },
        },
        recipients: [to],
        audience: [to],
      });
    }
  }, conversationId ?? undefined);
}

/** Takes `memberId` out of every friend group `ownerId` has. */
async function removeFromFriendGroups(
  trx: Transaction<DatabaseSchema>,
  ownerId: string,
  memberId: string,
): Promise<void> {
  await trx
    .deleteFrom('friend_group_members')
    .where('user_id', '=', memberId)
    .where('friend_group_id', 'in', (eb) =>
      eb.selectFrom('friend_groups').select('id').where('owner_id', '=', ownerId),
    )
    .execute();
}
