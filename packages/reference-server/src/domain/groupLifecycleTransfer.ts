import type { GroupMembersTable } from '../db/DatabaseSchema.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { recordGroupEvent } from './groupEvents.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { emitGroupUpdated, groupSeenAs, readGroupState } from './groupLifecycleViews.js';
import { currentMemberIds } from './groupMembership.js';
import { toGroupMember } from './groupViews.js';
import type { Services } from './Services.js';
import { userColumns } from './userViews.js';

/**
 * Hands a group to another current member (operation `transferGroupOwnership`; the gate
 * admitted its owner): the new owner's role becomes `owner`, the old owner becomes an `admin`
 * (`docs/decisions.md`) and `groups.owner_id` follows. A mute on the new owner ends, since
 * nobody ranks above an owner to lift it. Every member gets `group.member_updated` for the new
 * owner, then for the old one, then `group.updated`; the new owner's group event feed gets a
 * `became_owner` entry.
 * @param access the group and the caller's membership, as the `GroupGate` established them.
 * @param userId the member who becomes the owner.
 * @returns the group as the caller, now an admin, sees it.
 * @throws ApiError 409 `group.already_owner` (the caller names themselves), 404
 *   `group.member_not_found` (not a current member); the gate's codes when the group or the
 *   caller's role changed before the write (see {@link lockGroupForChange}).
 */
export async function transferGroupOwnership(
  services: Services,
  access: GroupAccess,
  userId: string,
): Promise<Schema<'Group'>> {
  return services.work(async (trx, emit) => {
    const { group, caller } = await lockGroupForChange(trx, access, 'owner');
    if (userId === caller.user_id) {
      throw new ApiError(409, 'group.already_owner', 'You already own this group.');
    }
    const target = await trx
      .selectFrom('group_members')
      .selectAll()
      .where('group_id', '=', group.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!target) {
      throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
    }
    const now = nowIso();
    const newOwner: GroupMembersTable = {
      ...target,
      role: 'owner',
      muted_until: null,
      muted_indefinitely: 0,
    };
    const oldOwner: GroupMembersTable = { ...caller, role: 'admin' };
    await trx
      .updateTable('group_members')
      .set({ role: 'owner', muted_until: null, muted_indefinitely: 0 })
      .where('group_id', '=', group.id)
      .where('user_id', '=', userId)
      .execute();
    await trx
      .updateTable('group_members')
      .set({ role: 'admin' })
      .where('group_id', '=', group.id)
      .where('user_id', '=', caller.user_id)
      .execute();
    await trx
      .updateTable('groups')
      .set({ owner_id: userId, updated_at: now })
      .where('id', '=', group.id)
      .execute();
    const users = await trx
      .selectFrom('users')
      .select(userColumns)
      .where('id', 'in', [userId, caller.user_id])
      .execute();
    const userOf = (id: string) => users.find((u) => u.id === id)!;
    const audience = await currentMemberIds(trx, group.conversation_id);
    for (const member of [newOwner, oldOwner]) {
      emit({
        event: {
          type: 'group.member_updated',
          data: toGroupMember(member, userOf(member.user_id), now),
        },
        conversationId: group.conversation_id,
        audience,
      });
    }
    const state = await readGroupState(trx, { ...group, owner_id: userId, updated_at: now });
    emitGroupUpdated(emit, state);
    await recordGroupEvent(trx, emit, {
      type: 'became_owner',
      group,
      userIds: [userId],
      actorId: caller.user_id,
      now,
    });
    return groupSeenAs(state, 'admin');
  }, access.group.conversation_id);
}
