import type { GroupJoinRequestsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { admitToGroup } from './groupInvitationAdmission.js';
import { groupReviewerIds } from './groupInvitationReviews.js';
import { reviewJoinRequests } from './groupJoinRequestReviews.js';
import { toGroupJoinRequest } from './groupJoinRequestViews.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { newId } from './ids.js';
import type { Services } from './Services.js';

type GroupJoinRequest = Schema<'GroupJoinRequest'>;

/**
 * The join request with this id, whatever its group.
 * @throws ApiError 404 `group.join_request_not_found`.
 */
export async function findGroupJoinRequest(
  db: Database,
  requestId: string,
): Promise<GroupJoinRequestsTable> {
  const row = await db
    .selectFrom('group_join_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'group.join_request_not_found', 'No join request has this id.');
  return row;
}

/**
 * Asks to join a group (operation `createGroupJoinRequest`): any signed-in user who is not a
 * member, one pending request per user and group; the group's owner and admins get
 * `group.join_request_created`.
 * @throws ApiError 404 `group.not_found` (no such group, or dismissed), 409
 *   `group.already_member`, 409 `group.join_request_already_pending`, 409 `group.full`.
 */
export function createGroupJoinRequest(
  services: Services,
  callerId: string,
  body: OperationBody<'createGroupJoinRequest'>,
): Promise<GroupJoinRequest> {
  return services.work(async (trx, emit) => {
    const group = await trx
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', body.group_id)
      .where('dismissed_at', 'is', null)
      .executeTakeFirst();
    if (!group) throw new ApiError(404, 'group.not_found', 'No group has this id.');
    const members = await trx
      .selectFrom('group_members')
      .select('user_id')
      .where('group_id', '=', group.id)
      .execute();
    if (members.some((m) => m.user_id === callerId)) {
      throw new ApiError(409, 'group.already_member', 'You are already a member of this group.');
    }
    const pending = await trx
      .selectFrom('group_join_requests')
      .select('id')
      .where('group_id', '=', group.id)
      .where('applicant_id', '=', callerId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) {
      throw new ApiError(
        409,
        'group.join_request_already_pending',
        'You already asked to join this group.',
      );
    }
    if (members.length >= group.max_members) {
      throw new ApiError(409, 'group.full', `The group has its ${group.max_members} members.`);
    }
    const row: GroupJoinRequestsTable = {
      id: newId(),
      group_id: group.id,
      applicant_id: callerId,
      message: body.message ?? null,
      status: 'pending',
      reviewer_id: null,
      reason: null,
      created_at: nowIso(),
      reviewed_at: null,
    };
    // Two processes racing here: the partial unique index refuses the second insert, and its
    // unit runs again and finds the first one's request.
    await trx.insertInto('group_join_requests').values(row).execute();
    const view = await toGroupJoinRequest(trx, row);
    const reviewers = await groupReviewerIds(trx, group.id);
    emit({
      event: { type: 'group.join_request_created', data: view },
      recipients: reviewers,
      audience: reviewers,
    });
    return view;
  });
}

/**
 * Approves or rejects a pending join request (operations `approveGroupJoinRequest`,
 * `rejectGroupJoinRequest`). Approving adds the applicant (`group.member_joined`) and settles
 * their pending invitations to the group; either way the applicant and the group's owner and
 * admins get `group.join_request_reviewed`.
 * @param access the request's group and the reviewing owner or admin, as `GroupGate.admit`
 *   admitted them.
 * @param reason the reviewer's reason (rejections), or null.
 * @throws ApiError 409 `group.join_request_not_pending`, 409 `group.full`, and the gate's
 *   answers when the group or the caller's role changed after it admitted them
 *   (`lockGroupForChange`).
 */
export function reviewGroupJoinRequest(
  services: Services,
  access: GroupAccess,
  request: GroupJoinRequestsTable,
  status: 'approved' | 'rejected',
  reason: string | null,
): Promise<GroupJoinRequest> {
  const reviewerId = access.caller.user_id;
  return services.work(async (trx, emit) => {
    const now = nowIso();
    const { group } = await lockGroupForChange(trx, access, 'admin');
    const decision = { status, reviewerId, reason, now };
    const which = { group, ids: [request.id] };
    const [view] = await reviewJoinRequests(trx, emit, which, decision);
    if (!view) {
      throw new ApiError(
        409,
        'group.join_request_not_pending',
        'This join request was already approved or rejected.',
      );
    }
    if (status === 'approved') {
      await admitToGroup(trx, emit, group, [request.applicant_id], reviewerId, now);
    }
    return view;
  }, access.group.conversation_id);
}
