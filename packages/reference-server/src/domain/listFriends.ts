import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { friendPresenceVisibleTo } from './blockPresence.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { toUserRef, userColumns } from './userViews.js';

const LIST = 'friends';

/** Which of the caller's friends a page lists, and the scope its cursors are signed for. */
export interface FriendSelection {
  /** Only the friends in this friend group of the caller's; undefined: every friend. */
  friendGroupId?: string;
  /** Binds cursors to this list (see `CursorCodec`). */
  scope: string;
}

/**
 * One page of the caller's friends ordered by username, each with the caller's remark and their
 * presence as the caller may see it: the query of `listFriends` and `listFriendGroupMembers`.
 * Three queries whatever the page size (friends, presence, blocks).
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this list.
 */
export async function friendsPage(
  { db, cursors, presence }: Pick<Services, 'db' | 'cursors' | 'presence'>,
  callerId: string,
  query: { limit?: number; after?: string },
  selection: FriendSelection,
): Promise<Schema<'FriendPage'>> {
  const limit = pageSize(query.limit);
  let select = db
    .selectFrom('friendships')
    .innerJoin('users', 'users.id', 'friendships.friend_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['users.username_key', 'friendships.remark', 'friendships.created_at as friends_since'])
    .where('friendships.user_id', '=', callerId);
  const { friendGroupId } = selection;
  if (friendGroupId !== undefined) {
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('friend_group_members as m')
          .select('m.user_id')
          .where('m.friend_group_id', '=', friendGroupId)
          .whereRef('m.user_id', '=', 'friendships.friend_id'),
      ),
    );
  }
  if (query.after) {
    const [key, id] = cursors.decode(selection.scope, query.after, 'after', 2).map(String);
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
  const presenceOf = await friendPresenceVisibleTo(
    { db, presence },
    callerId,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => ({
      user: toUserRef(row),
      remark: row.remark,
      ...presenceOf(row.id),
      friends_since: row.friends_since,
    })),
    has_more: hasMore,
    next_cursor:
      hasMore && last ? cursors.encode(selection.scope, [last.username_key, last.id]) : null,
  };
}

/**
 * The caller's friends ordered by username (operation `listFriends`); a friend on either side of
 * a block with the caller shows offline.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's friend list.
 */
export function listFriends(
  services: Pick<Services, 'db' | 'cursors' | 'presence'>,
  callerId: string,
  query: OperationQuery<'listFriends'>,
): Promise<Schema<'FriendPage'>> {
  return friendsPage(services, callerId, query, { scope: `${LIST}:${callerId}` });
}
