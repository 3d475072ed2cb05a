import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { toFriendRequest } from './friendRequestViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { requireUser } from './users.js';
import { toUserRef, userColumns } from './userViews.js';

type Block = Schema<'Block'>;
const LIST = 'blocks';

/**
 * True when either of the two users blocked the other (the refusal of friend requests).
 * @param db the database or the running unit's transaction.
 */
export async function blockedEitherWay(
  db: Database | Transaction<DatabaseSchema>,
  a: string,
  b: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('blocker_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
        eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The users among `ids` who blocked `userId` (the refusal of group invitations).
 * @param db the running unit's transaction.
 */
export async function blockersAmong(
  db: Transaction<DatabaseSchema>,
  userId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('blocks')
    .select('blocker_id')
    .where('blocked_id', '=', userId)
    .where('blocker_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.blocker_id));
}

/**
 * Blocks a user (operation `blockUser`). The friendship, if any, stays; pending friend requests
 * between the two are rejected (the caller's devices get `friend_request.rejected`; the blocked
 * user is not told). From now on the blocked user's direct messages to the caller are refused
 * (`message.blocked`), and so are friend requests either way (`friend_request.blocked`) and
 * their group invitations of the caller.
 * @throws ApiError 422 `block.self`, 404 `user.not_found` (no such live user),
 *   409 `block.already_blocked`.
 */
export async function blockUser(
  services: Services,
  callerId: string,
  userId: string,
): Promise<Block> {
  if (userId === callerId) {
    throw new ApiError(422, 'block.self', 'You cannot block yourself.', {
      errors: [{ pointer: '/body/user_id', detail: 'is your own id', keyword: 'not' }],
    });
  }
  const user = await requireUser(services.db, userId);
  return services.work(async (trx, emit) => {
    const existing = await trx
      .selectFrom('blocks')
      .select('created_at')
      .where('blocker_id', '=', callerId)
      .where('blocked_id', '=', userId)
      .executeTakeFirst();
    if (existing) {
      throw new ApiError(409, 'block.already_blocked', `You already blocked ${user.username}.`);
    }
    const now = nowIso();
    await trx
      .insertInto('blocks')
      .values({ blocker_id: callerId, blocked_id: userId, created_at: now })
      .execute();
    const pending = await trx
      .selectFrom('friend_requests')
      .selectAll()
      .where('status', '=', 'pending')
      .where((eb) =>
        eb.or([
          eb.and([eb('from_user_id', '=', userId), eb('to_user_id', '=', callerId)]),
          eb.and([eb('from_user_id', '=', callerId), eb('to_user_id', '=', userId)]),
        ]),
      )
      .execute();
    for (const row of pending) {
      await trx
        .updateTable('friend_requests')
        .set({ status: 'rejected', responded_at: now })
        .where('id', '=', row.id)
        .execute();
      const view = await toFriendRequest(trx, { ...row, status: 'rejected', responded_at: now });
      emit({
        event: { type: 'friend_request.rejected', data: view },
        recipients: [callerId],
        audience: [callerId],
      });
    }
    return { user: toUserRef(user), blocked_at: now };
  });
}

/**
 * Lifts the caller's block of a user (operation `unblockUser`): they can message the caller and
 * send friend requests again. A friendship kept through the block works as before.
 * @throws ApiError 404 `block.not_found` when the caller has not blocked this user.
 */
export async function unblockUser(
  services: Services,
  callerId: string,
  userId: string,
): Promise<void> {
  await services.work(async (trx) => {
    const result = await trx
      .deleteFrom('blocks')
      .where('blocker_id', '=', callerId)
      .where('blocked_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new ApiError(404, 'block.not_found', 'You have not blocked this user.');
    }
  });
}

/**
 * The users the caller blocked, most recently blocked first (operation `listBlocks`).
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's block list.
 */
export async function listBlocks(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listBlocks'>,
): Promise<Schema<'BlockPage'>> {
  const limit = pageSize(query.limit);
  const scope = `${LIST}:${callerId}`;
  let select = db
    .selectFrom('blocks')
    .innerJoin('users', 'users.id', 'blocks.blocked_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select('blocks.created_at as blocked_at')
    .where('blocks.blocker_id', '=', callerId);
  if (query.after) {
    const [at, id] = cursors.decode(scope, query.after, 'after', 2).map(String);
    select = select.where((eb) =>
      eb.or([
        eb('blocks.created_at', '<', at!),
        eb.and([eb('blocks.created_at', '=', at!), eb('blocks.blocked_id', '<', id!)]),
      ]),
    );
  }
  const found = await select
    .orderBy('blocks.created_at', 'desc')
    .orderBy('blocks.blocked_id', 'desc')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({ user: toUserRef(row), blocked_at: row.blocked_at })),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.blocked_at, last.id]) : null,
  };
}
