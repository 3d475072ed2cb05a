import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { toFriendRequests } from './friendRequestViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';

const LIST = 'friend_requests';

/**
 * Friend requests the caller received and/or sent, newest first (operation `listFriendRequests`).
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller and filter.
 */
export async function listFriendRequests(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listFriendRequests'>,
): Promise<Schema<'FriendRequestPage'>> {
  const limit = pageSize(query.limit);
  const direction = query.direction ?? 'all';
  const scope = `${LIST}:${callerId}:${direction}:${query.status ?? ''}`;
  let select = db.selectFrom('friend_requests').selectAll();
  select = select.where((eb) => {
    const received = eb('to_user_id', '=', callerId);
    const sent = eb('from_user_id', '=', callerId);
    if (direction === 'received') return received;
    if (direction === 'sent') return sent;
    return eb.or([received, sent]);
  });
  if (query.status) select = select.where('status', '=', query.status);
  if (query.after)
    select = select.where('id', '<', String(cursors.decode(scope, query.after, 'after', 1)[0]));
  const { rows, hasMore } = takePage(
    await select
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute(),
    limit,
  );
  const items = await toFriendRequests(db, rows);
  const last = rows.at(-1);
  return {
    items,
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.id]) : null,
  };
}
