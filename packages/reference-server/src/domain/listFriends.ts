import type { Database } from '../db/openDatabase.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { decodeCursor, encodeCursor } from './cursors.js';
import { pageSize, takePage } from './pages.js';
import { toUserRef, userColumns } from './userViews.js';

const LIST = 'friends';

/**
 * The caller's friends ordered by username (operation `listFriends`).
 * @param isOnline presence lookup (the realtime hub).
 */
export async function listFriends(
  db: Database,
  callerId: string,
  query: OperationQuery<'listFriends'>,
  isOnline: (userId: string) => boolean,
): Promise<Schema<'FriendPage'>> {
  const limit = pageSize(query.limit);
  let select = db
    .selectFrom('friendships')
    .innerJoin('users', 'users.id', 'friendships.friend_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['users.username_key', 'friendships.remark', 'friendships.created_at as friends_since'])
    .where('friendships.user_id', '=', callerId);
  if (query.after) {
    const [key, id] = decodeCursor(LIST, query.after, 'after').map(String);
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
  return {
    items: rows.map((row) => ({
      user: toUserRef(row),
      remark: row.remark,
      presence: isOnline(row.id) ? 'online' : 'offline',
      friends_since: row.friends_since,
    })),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(LIST, [last.username_key, last.id]) : null,
  };
}
