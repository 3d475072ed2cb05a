import type { GroupsTable } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { recordGroupEvent } from './groupEvents.js';
import { updateGroupMember } from './groupMemberUpdate.js';
import type { Services } from './Services.js';

/**
 * Makes a member an admin or an admin a member (operation `setGroupMemberRole`); that the
 * caller is the owner was checked by the `GroupGate`. The owner's own role changes only by
 * `transferGroupOwnership`, and asking for the role the member already has is a conflict, so
 * a retried request says it changed nothing. The group's members get `group.member_updated`,
 * and the member an entry in their group event feed (`became_admin` or `admin_revoked`).
 * @param callerId the owner, the entry's actor.
 * @returns the member with the new role.
 * @throws ApiError 404 `group.member_not_found`, 409 `group.target_is_owner`,
 *   409 `group.already_admin` / `group.not_admin` (the member already has the role).
 */
export function setGroupMemberRole(
  services: Pick<Services, 'work'>,
  group: GroupsTable,
  callerId: string,
  userId: string,
  body: OperationBody<'setGroupMemberRole'>,
): Promise<Schema<'GroupMember'>> {
  return services.work(async (trx, emit) => {
    const current = await trx
      .selectFrom('group_members')
      .select('role')
      .where('group_id', '=', group.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!current) {
      throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
    }
    if (current.role === 'owner') {
      const detail = 'The owner’s role changes only by transferring ownership.';
      throw new ApiError(409, 'group.target_is_owner', detail);
    }
    if (current.role === body.role) {
      throw body.role === 'admin'
        ? new ApiError(409, 'group.already_admin', 'That member is already an admin.')
        : new ApiError(409, 'group.not_admin', 'That member is not an admin.');
    }
    const now = nowIso();
    const member = await updateGroupMember(trx, emit, group, userId, { role: body.role }, now);
    await recordGroupEvent(trx, emit, {
      type: body.role === 'admin' ? 'became_admin' : 'admin_revoked',
      group,
      userIds: [userId],
      actorId: callerId,
      now,
    });
    return member;
  }, group.conversation_id);
}
