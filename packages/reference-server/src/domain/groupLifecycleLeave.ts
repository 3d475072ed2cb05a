import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import { nowIso } from './clock.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { removeGroupMember } from './groupMembership.js';
import type { Services } from './Services.js';

/**
 * The caller leaves a group at once (operation `leaveGroup`; the gate admitted a member):
 * admins and members alike, through {@link removeGroupMember} with no actor. The remaining
 * members and the caller get `group.member_left`; from then on nothing of the group's
 * conversation reaches the caller, live or on resume, and they keep, read-only, the history
 * up to their departure (the conversation stays in their list, `disabled`). The owner cannot
 * leave: they transfer the group or dismiss it (`docs/decisions.md`).
 * @param access the group and the caller's membership, as the `GroupGate` established them.
 * @throws ApiError 409 `group.owner_cannot_leave`; the gate's codes when the group was
 *   dismissed, or the caller left, before the write (see {@link lockGroupForChange}).
 */
export async function leaveGroup(services: Services, access: GroupAccess): Promise<void> {
  await services.work(async (trx, emit) => {
    const { group, caller } = await lockGroupForChange(trx, access, 'member');
    if (caller.role === 'owner') {
      throw new ApiError(
        409,
        'group.owner_cannot_leave',
        'The owner cannot leave: transfer the group or dismiss it first.',
      );
    }
    await removeGroupMember(trx, emit, group, caller.user_id, null, nowIso());
  }, access.group.conversation_id);
}
