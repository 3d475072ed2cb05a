import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import { holds, type RequiredGroupRole } from '../groups/groupRoles.js';
import { ApiError } from '../http/ApiError.js';

/**
 * Takes the write lock of a group's conversation row (the lock sends and membership changes
 * take) without changing the row, then reads the group and the caller's membership again
 * inside the unit of work. The `GroupGate` admitted the caller before the transaction began;
 * this makes the change apply to the group as it is now, so a group dismissed, or a caller who
 * left or lost their role, in between is refused with the gate's own answers.
 * @param access what the gate established (the group and the caller's row as it read them).
 * @param least the least role the caller must still hold: the operation's `x-group-access` role.
 * @returns the group's and the caller's current rows, locked against concurrent membership
 *   changes and sends until the transaction ends.
 * @throws ApiError 404 `group.not_found` (dismissed meanwhile), 403 `group.not_member` (the
 *   caller left or was removed), 403 `group.permission_denied` (the caller's role dropped
 *   below `least`).
 */
export async function lockGroupForChange(
  trx: Transaction<DatabaseSchema>,
  access: GroupAccess,
  least: RequiredGroupRole,
): Promise<GroupAccess> {
  await trx
    .updateTable('conversations')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', access.group.conversation_id)
    .execute();
  const group = await trx
    .selectFrom('groups')
    .selectAll()
    .where('id', '=', access.group.id)
    .where('dismissed_at', 'is', null)
    .executeTakeFirst();
  if (!group) throw new ApiError(404, 'group.not_found', 'No group has this id.');
  const caller = await trx
    .selectFrom('group_members')
    .selectAll()
    .where('group_id', '=', group.id)
    .where('user_id', '=', access.caller.user_id)
    .executeTakeFirst();
  if (!caller) throw new ApiError(403, 'group.not_member', 'You are not a member of this group.');
  if (!holds(caller.role, least)) {
    throw new ApiError(403, 'group.permission_denied', 'Your role in this group changed.');
  }
  return { group, caller };
}
