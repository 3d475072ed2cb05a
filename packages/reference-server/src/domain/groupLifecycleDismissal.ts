import type { GroupAccess } from '../groups/GroupGate.js';
import { nowIso } from './clock.js';
import { recordGroupEvent } from './groupEvents.js';
import { reviewInvitations } from './groupInvitationReviews.js';
import { reviewJoinRequests } from './groupJoinRequestReviews.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { currentMemberIds } from './groupMembership.js';
import { toGroupRef } from './groupViews.js';
import type { Services } from './Services.js';
import { toUserRef, userColumns } from './userViews.js';

/** The reason pending invitations and join requests are rejected with when their group ends. */
const DISMISSED = 'The group was dismissed.';

/**
 * Dismisses a group (operation `dismissGroup`; the gate admitted its owner): the only way a
 * group ends. Every member gets `group.dismissed`, and every member but the owner a
 * `group_dismissed` entry in their group event feed. What stays: the members keep their
 * memberships, so the conversation stays in each member's list, `disabled`, with its whole
 * history still readable (`listMessages`) and read positions still movable; what ends: sending
 * is refused (403 `conversation.disabled`), the group leaves `listGroups`, and every group
 * operation on it answers 404 `group.not_found`. Invitations and join requests still pending are
 * rejected ("The group was dismissed."), so their applicants, invitees and inviters learn it.
 * @param access the group and the caller's membership, as the `GroupGate` established them.
 * @throws ApiError the gate's codes when the group was dismissed, or the caller's role changed,
 *   before the write (see {@link lockGroupForChange}).
 */
export async function dismissGroup(services: Services, access: GroupAccess): Promise<void> {
  await services.work(async (trx, emit) => {
    const { group, caller } = await lockGroupForChange(trx, access, 'owner');
    const now = nowIso();
    await trx
      .updateTable('groups')
      .set({ dismissed_at: now, updated_at: now })
      .where('id', '=', group.id)
      .execute();
    // The conversation's last activity: it moves up in its members' lists, now disabled.
    await trx
      .updateTable('conversations')
      .set({ updated_at: now })
      .where('id', '=', group.conversation_id)
      .execute();
    const actor = await trx
      .selectFrom('users')
      .select(userColumns)
      .where('id', '=', caller.user_id)
      .executeTakeFirstOrThrow();
    const ended = {
      status: 'rejected',
      reviewerId: caller.user_id,
      reason: DISMISSED,
      now,
    } as const;
    await reviewInvitations(trx, emit, { group }, ended);
    await reviewJoinRequests(trx, emit, { group }, ended);
    const members = await currentMemberIds(trx, group.conversation_id);
    emit({
      event: {
        type: 'group.dismissed',
        data: {
          group: toGroupRef(group),
          conversation_id: group.conversation_id,
          actor: toUserRef(actor),
        },
      },
      conversationId: group.conversation_id,
      audience: members,
    });
    await recordGroupEvent(trx, emit, {
      type: 'group_dismissed',
      group,
      userIds: members.filter((id) => id !== caller.user_id),
      actorId: caller.user_id,
      now,
    });
  }, access.group.conversation_id);
}
