import type { GroupAccess } from '../groups/GroupGate.js';
import { holds } from '../groups/groupRoles.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { toGroupInvitations } from './groupInvitationViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';

const LIST = 'group_invitations';

/**
 * A group's invitations, newest first, optionally by status (operation `listGroupInvitations`):
 * the owner and admins see all of them, a plain member the ones they made.
 * @param access the group and the caller's membership, as the `GroupGate` admitted them.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller, group and filter.
 */
export async function listGroupInvitations(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  access: GroupAccess,
  query: OperationQuery<'listGroupInvitations'>,
): Promise<Schema<'GroupInvitationPage'>> {
  const limit = pageSize(query.limit);
  const callerId = access.caller.user_id;
  const scope = `${LIST}:${access.group.id}:${callerId}:${query.status ?? ''}`;
  let select = db
    .selectFrom('group_invitations')
    .selectAll()
    .where('group_id', '=', access.group.id);
  if (!holds(access.caller.role, 'admin')) select = select.where('inviter_id', '=', callerId);
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
  const last = rows.at(-1);
  return {
    items: await toGroupInvitations(db, rows),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.id]) : null,
  };
}
