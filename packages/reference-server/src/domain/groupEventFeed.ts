import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { type GroupEventRow, toGroupEvent } from './groupEventViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { getUnreadCounts } from './unreadCounts.js';
import { type UserRow, userColumns } from './userViews.js';

const LIST = 'group_events';

type ActorColumns = { [C in (typeof userColumns)[number] as `actor_${C}`]: unknown };

/** The actor of a feed row joined with `users`, or null for the system. */
function actorOf(row: ActorColumns): UserRow | null {
  if (row.actor_id === null) return null;
  return Object.fromEntries(userColumns.map((c) => [c, row[`actor_${c}`]])) as unknown as UserRow;
}

/**
 * The caller's group event feed, newest first, one query per page (operation
 * `listGroupEvents`): what groups did to or for them, dismissed groups included.
 * @param query `unread_only` (default false) keeps the unread entries only; `limit`, `after`.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller and filter.
 */
export async function listGroupEvents(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listGroupEvents'>,
): Promise<Schema<'GroupEventPage'>> {
  const limit = pageSize(query.limit);
  const unreadOnly = query.unread_only === true;
  const scope = `${LIST}:${callerId}:${unreadOnly ? 'unread' : 'all'}`;
  let select = db
    .selectFrom('group_events as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select(['g.name as group_name', 'g.avatar_url as group_avatar_url'])
    .select(userColumns.map((c) => `a.${c} as actor_${c}` as const))
    .where('e.user_id', '=', callerId);
  if (unreadOnly) select = select.where('e.is_read', '=', 0);
  if (query.after) {
    const [id] = cursors.decode(scope, query.after, 'after', 1).map(String);
    select = select.where('e.id', '<', id!);
  }
  const found = await select
    .orderBy('e.id', 'desc')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) =>
      toGroupEvent(
        row as GroupEventRow,
        { id: row.group_id, name: row.group_name, avatar_url: row.group_avatar_url },
        actorOf(row),
      ),
    ),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.id]) : null,
  };
}

/**
 * Marks an entry of the caller's feed and every older one read (operation
 * `markGroupEventsRead`); entries already read stay read, so marking an older entry after a
 * newer one changes nothing.
 * @param eventId the newest entry to mark, one of the caller's.
 * @returns the caller's counts after the change.
 * @throws ApiError 404 `group_event.not_found` when the caller's feed has no such entry.
 */
export async function markGroupEventsRead(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  eventId: string,
): Promise<Schema<'UnreadCounts'>> {
  await services.work(async (trx) => {
    const event = await trx
      .selectFrom('group_events')
      .select('id')
      .where('id', '=', eventId)
      .where('user_id', '=', callerId)
      .executeTakeFirst();
    if (!event) throw new ApiError(404, 'group_event.not_found', 'No such group event of yours.');
    await trx
      .updateTable('group_events')
      .set({ is_read: 1 })
      .where('user_id', '=', callerId)
      .where('is_read', '=', 0)
      .where('id', '<=', eventId)
      .execute();
  });
  return getUnreadCounts(services.db, callerId);
}
