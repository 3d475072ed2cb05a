import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { ownGroups, requireFriendGroup, toFriendGroup } from './friendGroupLookup.js';
import { insertFriendGroupMembers, requireFriends } from './friendGroupMembers.js';
import { newId } from './ids.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { identityKey } from './users.js';
import { toUserRef, userColumns } from './userViews.js';

type FriendGroup = Schema<'FriendGroup'>;

/** At most this many friend groups per user (`friend_group.limit_reached`). */
export const MAX_FRIEND_GROUPS = 50;
/** At most this many members of one friend group shown by `getFriendGroup`. */
const DETAIL_MEMBERS = 100;
const LIST = 'friend-groups';

/**
 * A friend group name as stored: trimmed, and not blank.
 * @throws ApiError 422 `validation.failed` naming `/body/name` for a blank name.
 */
function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    throw new ApiError(422, 'validation.failed', 'The name cannot be blank.', {
      errors: [{ pointer: '/body/name', detail: 'is blank', keyword: 'pattern' }],
    });
  }
  return trimmed;
}

/** @throws ApiError 409 `friend_group.name_taken` naming `/body/name`. */
function nameTaken(name: string): ApiError {
  return new ApiError(
    409,
    'friend_group.name_taken',
    `You already have a friend group called ${name}.`,
    { errors: [{ pointer: '/body/name', detail: 'is taken', keyword: 'unique' }] },
  );
}

/**
 * Refuses a name another of the owner's groups has (case-insensitively).
 * @param exceptId the group being renamed, which may keep its own name.
 * @throws ApiError 409 `friend_group.name_taken`.
 */
async function requireNameFree(
  trx: Transaction<DatabaseSchema>,
  ownerId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  let query = trx
    .selectFrom('friend_groups')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('name_key', '=', identityKey(name));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw nameTaken(name);
}

/** Runs a unit that writes a friend group name; a lost race on the unique name is a 409. */
async function naming<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/**
 * The caller's friend groups by name (operation `listFriendGroups`).
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's list.
 */
export async function listFriendGroups(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listFriendGroups'>,
): Promise<Schema<'FriendGroupPage'>> {
  const limit = pageSize(query.limit);
  const scope = `${LIST}:${callerId}`;
  let select = ownGroups(db, callerId);
  if (query.after) {
    const [key, id] = cursors.decode(scope, query.after, 'after', 2).map(String);
    select = select.where((eb) =>
      eb.or([
        eb('g.name_key', '>', key!),
        eb.and([eb('g.name_key', '=', key!), eb('g.id', '>', id!)]),
      ]),
    );
  }
  const found = await select
    .orderBy('g.name_key')
    .orderBy('g.id')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: rows.map(toFriendGroup),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.name_key, last.id]) : null,
  };
}

/**
 * Creates a friend group, with friends in it right away (operation `createFriendGroup`).
 * @param body `name` (1 to 30 characters, trimmed) and optional `user_ids` (friends, at most 100).
 * @throws ApiError 422 `validation.failed` (blank name), 422 `friend_group.not_friend` naming the
 *   first `user_ids` entry that is not the caller's friend, 409 `friend_group.name_taken`,
 *   409 `friend_group.limit_reached` (the caller has {@link MAX_FRIEND_GROUPS} groups).
 */
export async function createFriendGroup(
  services: Services,
  callerId: string,
  body: OperationBody<'createFriendGroup'>,
): Promise<FriendGroup> {
  const name = cleanName(body.name);
  const userIds = body.user_ids ?? [];
  return naming(name, () =>
    services.work(async (trx) => {
      const count = await trx
        .selectFrom('friend_groups')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('owner_id', '=', callerId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_FRIEND_GROUPS) {
        throw new ApiError(
          409,
          'friend_group.limit_reached',
          `You already have ${MAX_FRIEND_GROUPS} friend groups.`,
        );
      }
      await requireNameFree(trx, callerId, name);
      await requireFriends(trx, callerId, userIds);
      const now = nowIso();
      const id = newId();
      await trx
        .insertInto('friend_groups')
        .values({
          id,
          owner_id: callerId,
          name,
          name_key: identityKey(name),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await insertFriendGroupMembers(trx, id, userIds, now);
      return requireFriendGroup(trx, callerId, id);
    }),
  );
}

/**
 * One of the caller's friend groups with its first {@link DETAIL_MEMBERS} members by username
 * (operation `getFriendGroup`).
 * @throws ApiError 404 `friend_group.not_found`.
 */
export async function getFriendGroup(
  db: Database,
  callerId: string,
  groupId: string,
): Promise<Schema<'FriendGroupDetail'>> {
  const group = await requireFriendGroup(db, callerId, groupId);
  const members = await db
    .selectFrom('friend_group_members as m')
    .innerJoin('users', 'users.id', 'm.user_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .where('m.friend_group_id', '=', groupId)
    .orderBy('users.username_key')
    .orderBy('users.id')
    .limit(DETAIL_MEMBERS)
    .execute();
  return { ...group, members: members.map(toUserRef) };
}

/**
 * Renames one of the caller's friend groups (operation `updateFriendGroup`).
 * @throws ApiError 404 `friend_group.not_found`, 422 `validation.failed` (blank name),
 *   409 `friend_group.name_taken`.
 */
export async function renameFriendGroup(
  services: Services,
  callerId: string,
  groupId: string,
  newName: string,
): Promise<FriendGroup> {
  const name = cleanName(newName);
  return naming(name, () =>
    services.work(async (trx) => {
      await requireFriendGroup(trx, callerId, groupId);
      await requireNameFree(trx, callerId, name, groupId);
      await trx
        .updateTable('friend_groups')
        .set({ name, name_key: identityKey(name), updated_at: nowIso() })
        .where('id', '=', groupId)
        .execute();
      return requireFriendGroup(trx, callerId, groupId);
    }),
  );
}

/**
 * Deletes one of the caller's friend groups (operation `deleteFriendGroup`); its members stay
 * friends.
 * @throws ApiError 404 `friend_group.not_found`.
 */
export async function deleteFriendGroup(
  services: Services,
  callerId: string,
  groupId: string,
): Promise<void> {
  await services.work(async (trx) => {
    await requireFriendGroup(trx, callerId, groupId);
    await trx.deleteFrom('friend_group_members').where('friend_group_id', '=', groupId).execute();
    await trx.deleteFrom('friend_groups').where('id', '=', groupId).execute();
  });
}
