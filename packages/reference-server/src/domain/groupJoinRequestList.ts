import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { toGroupJoinRequests } from './groupJoinRequestViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';

const LIST = 'group_join_requests';

/**
 * Join requests, newest first, optionally by status and group (operation
 * `listGroupJoinRequests`): `to_review` (the default) lists the requests to the groups the
 * caller owns or administers now (not dismissed ones), `sent` the caller's own requests.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller and filter.
 */
export async function listGroupJoinRequests(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listGroupJoinRequests'>,
): Promise<Schema<'GroupJoinRequestPage'>> {
  const limit = pageSize(query.limit);
  const direction = query.direction ?? 'to_review';
  const scope = `${LIST}:${callerId}:${direction}:${query.group_id ?? ''}:${query.status ?? ''}`;
  let select = db.selectFrom('group_join_requests as r').selectAll('r');
  if (direction === 'sent') {
    select = select.where('r.applicant_id', '=', callerId);
  } else {
    select = select
      .innerJoin('groups as g', 'g.id', 'r.group_id')
      .innerJoin('group_members as me', (join) =>
        join.onRef('me.group_id', '=', 'r.group_id').on('me.user_id', '=', callerId),
      )
      .where('me.role', 'in', ['owner', 'admin'])
      .where('g.dismissed_at', 'is', null);
  }
  if (query.group_id) select = select.where('r.group_id', '=', query.group_id);
  if (query.status) select = select.where('r.status', '=', query.status);
  if (query.after)
    select = select.where('r.id', '<', String(cursors.decode(scope, query.after, 'after', 1)[0]));
  const { rows, hasMore } = takePage(
    await select
      .orderBy('r.id', 'desc')
      .limit(limit + 1)
      .execute(),
    limit,
  );
  const last = rows.at(-1);
  return {
    items: await toGroupJoinRequests(db, rows),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.id]) : null,
  };
}
