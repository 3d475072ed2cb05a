import type { PresenceDirectory } from '../cluster/PresenceDirectory.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { friendPresenceVisibleTo } from './blockPresence.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { toUserRef, userColumns } from './userViews.js';

const LIST = 'friends';

/**
 * The caller's friends ordered by username (operation `listFriends`).
 * @param presence who is online, asked once for the whole page (in every server process); a
 *   friend on either side of a block with the caller shows offline.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's friend list.
 */
export async function listFriends(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listFriends'>,
  presence: PresenceDirectory,
): Promise<Schema<'FriendPage'>> {
  const limit = pageSize(query.limit);
  let select = db
    .selectFrom('friendships')
    .innerJoin('users', 'users.id', 'friendships.friend_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['users.username_key', 'friendships.remark', 'friendships.created_at as friends_since'])
    .where('friendships.user_id', '=', callerId);
  if (query.after) {
    const [key, id] = cursors.decode(`${LIST}:${callerId}`, query.after, 'after', 2).map(String);
    select = select.where((eb) =>
      eb.or([
        eb('users.username_key', '>', key!),
        eb.and([eb('users.username_key', '=', key!), eb('users.id', '>', id!)]),
      ]),
    );
  }
  const found = await select
    .orderBy('users.username_key')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  const ids = rows.map((row) => row.id);
  const presenceOf = await friendPresenceVisibleTo({ db, presence }, callerId, ids);
  return {
    items: rows.map((row) => ({
      user: toUserRef(row),
      remark: row.remark,
      ...presenceOf(row.id),
      friends_since: row.friends_since,
    })),
    has_more: hasMore,
    next_cursor:
      hasMore && last ? cursors.encode(`${LIST}:${callerId}`, [last.username_key, last.id]) : null,
  };
}
