import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupsTable } from '../db/DatabaseSchema.js';
import { reviewInvitations } from './groupInvitationReviews.js';
import { reviewJoinRequests } from './groupJoinRequestReviews.js';
import { addGroupMembers } from './groupMembership.js';
import type { Emit } from './unitOfWork.js';

type Trx = Transaction<DatabaseSchema>;

/** User ids among `userIds` who are members of the group now. */
export async function membersAmong(
  trx: Trx,
  groupId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', groupId)
    .where('user_id', 'in', [...userIds])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Lets users into a group because an owner or admin said so (an invitation by them or approved
 * by them, or an approved join request), inside a unit of work and under the group's lock
 * (`lockGroupForChange`): those not yet members join through `addGroupMembers` (history from now on,
 * `group.member_joined`), and every invitation and join request of theirs to the group still
 * pending is settled as approved by `reviewerId`, since nothing is left to review
 * (`group.invitation_reviewed` / `group.join_request_reviewed` to those concerned).
 * @param now ISO 8601 time of the decision.
 * @throws ApiError 409 `group.full` when they do not all fit in `max_members`.
 */
export async function admitToGroup(
  trx: Trx,
  emit: Emit,
  group: GroupsTable,
  userIds: readonly string[],
  reviewerId: string,
  now: string,
): Promise<void> {
  const present = await membersAmong(trx, group.id, userIds);
  const joining = userIds.filter((id) => !present.has(id));
  if (joining.length > 0) await addGroupMembers(trx, emit, group, joining, now);
  const decision = { status: 'approved', reviewerId, reason: null, now } as const;
  await reviewInvitations(trx, emit, { group, inviteeIds: userIds }, decision);
  await reviewJoinRequests(trx, emit, { group, applicantIds: userIds }, decision);
}
