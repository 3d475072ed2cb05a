import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import { nowIso } from './clock.js';
import { recordGroupEvent } from './groupEvents.js';
import { removeGroupMember } from './groupMembership.js';
import type { Services } from './Services.js';
import { userColumns } from './userViews.js';

/**
 * Removes a member from a group on the caller's authority (operation `removeGroupMember`).
 * The `GroupGate` admitted only an owner or admin ranking above the member, or the caller
 * themselves, whom this refuses (they use `leaveGroup`). The removed user keeps, read-only,
 * the history before the removal and nothing after it; they and the remaining members get
 * `group.member_removed` (see `removeGroupMember` in `groupMembership.ts`), and the removed user
 * a `removed` entry in their group event feed.
 * @param access the gate's rows: the group, the caller, the target member.
 * @throws ApiError 403 `group.cannot_remove_self`, 404 `group.member_not_found` (gone
 *   meanwhile).
 */
export async function removeGroupMemberByCaller(
  services: Pick<Services, 'work'>,
  access: Required<GroupAccess>,
): Promise<void> {
  const { group, caller, target } = access;
  if (target.user_id === caller.user_id) {
    const detail = 'You cannot remove yourself; leave the group instead.';
    throw new ApiError(403, 'group.cannot_remove_self', detail);
  }
  await services.work(async (trx, emit) => {
    const actor = await trx
      .selectFrom('users')
      .select(userColumns)
      .where('id', '=', caller.user_id)
      .executeTakeFirstOrThrow();
    const now = nowIso();
    await removeGroupMember(trx, emit, group, target.user_id, actor, now);
    await recordGroupEvent(trx, emit, {
      type: 'removed',
      group,
      userIds: [target.user_id],
      actorId: caller.user_id,
      now,
    });
  }, group.conversation_id);
}
