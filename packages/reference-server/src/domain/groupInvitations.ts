import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupInvitationsTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import { holds } from '../groups/groupRoles.js';
import { ApiError, type ErrorCode } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { blockersAmong } from './blocks.js';
import { nowIso } from './clock.js';
import { admitToGroup, membersAmong } from './groupInvitationAdmission.js';
import { groupReviewerIds, reviewInvitations } from './groupInvitationReviews.js';
import { toGroupInvitations } from './groupInvitationViews.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { newId } from './ids.js';
import type { Services } from './Services.js';
import type { Emit } from './unitOfWork.js';
import { type UserRow, userColumns } from './userViews.js';

type Trx = Transaction<DatabaseSchema>;
type Result = Schema<'GroupInvitationResult'>;
type GroupInvitation = Schema<'GroupInvitation'>;

/** What the unit knows about the invitees before deciding each one. */
interface Invitees {
  /** Live (not deleted) users among them. */
  users: Map<string, UserRow>;
  members: Set<string>;
  /** Those who are the caller's friends. */
  friends: Set<string>;
  /** Those with a pending invitation to the group. */
  pending: Set<string>;
  /** Those who blocked the caller: the caller cannot invite them. */
  blockers: Set<string>;
  memberCount: number;
}

async function readInvitees(
  trx: Trx,
  group: GroupsTable,
  callerId: string,
  ids: string[],
): Promise<Invitees> {
  const users = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  const friends = await trx
    .selectFrom('friendships')
    .select('friend_id')
    .where('user_id', '=', callerId)
    .where('friend_id', 'in', ids)
    .execute();
  const pending = await trx
    .selectFrom('group_invitations')
    .select('invitee_id')
    .where('group_id', '=', group.id)
    .where('status', '=', 'pending')
    .where('invitee_id', 'in', ids)
    .execute();
  const count = await trx
    .selectFrom('group_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', group.id)
    .executeTakeFirstOrThrow();
  return {
    users: new Map(users.map((u) => [u.id, u])),
    members: await membersAmong(trx, group.id, ids),
    friends: new Set(friends.map((f) => f.friend_id)),
    pending: new Set(pending.map((p) => p.invitee_id)),
    blockers: await blockersAmong(trx, callerId, ids),
    memberCount: Number(count.n),
  };
}

function failed(userId: string, code: ErrorCode, detail: string): Result {
  return { user_id: userId, outcome: 'failed', invitation: null, error: { code, detail } };
}

/**
 * The outcome for each invited user, in request order, before anything is written: a failure
 * with its code, or `joined` (`direct`: the caller is the owner or an admin) or `pending` (a
 * plain member's invitation). Joins fill the group's free places in request order; a pending
 * invitation needs a free place now and takes it only when approved.
 */
function decide(ids: string[], who: Invitees, direct: boolean, maxMembers: number): Result[] {
  let joined = 0;
  return ids.map((id) => {
    const user = who.users.get(id);
    if (!user) return failed(id, 'user.not_found', 'No user has this id.');
    const name = user.username;
    if (who.members.has(id))
      return failed(id, 'group.already_member', `${name} is already a member.`);
    if (!who.friends.has(id))
      return failed(id, 'group.invitee_not_friend', `${name} is not your friend.`);
    if (who.blockers.has(id))
      return failed(id, 'group.invitee_not_friend', `${name} does not accept your invitations.`);
    if (!direct && who.pending.has(id))
      return failed(id, 'group.invitation_already_pending', `${name} is already invited.`);
    if (who.memberCount + joined >= maxMembers)
      return failed(id, 'group.full', `The group has its ${maxMembers} members.`);
    if (direct) joined += 1;
    return { user_id: id, outcome: direct ? 'joined' : 'pending', invitation: null, error: null };
  });
}

/** Stores pending invitations and tells the group's owner and admins about each. */
async function createPending(
  trx: Trx,
  emit: Emit,
  group: GroupsTable,
  inviterId: string,
  inviteeIds: string[],
  message: string | null,
  now: string,
): Promise<Map<string, GroupInvitation>> {
  if (inviteeIds.length === 0) return new Map();
  const rows: GroupInvitationsTable[] = inviteeIds.map((invitee_id) => ({
    id: newId(),
    group_id: group.id,
    inviter_id: inviterId,
    invitee_id,
    message,
    status: 'pending',
    reviewer_id: null,
    reason: null,
    created_at: now,
    reviewed_at: null,
  }));
  await trx.insertInto('group_invitations').values(rows).execute();
  const views = await toGroupInvitations(trx, rows);
  const reviewers = await groupReviewerIds(trx, group.id);
  for (const view of views) {
    emit({
      event: { type: 'group.invitation_created', data: view },
      recipients: reviewers,
      audience: reviewers,
    });
  }
  return new Map(views.map((view) => [view.invitee.id, view]));
}

/**
 * Invites the caller's friends to a group (operation `inviteGroupMembers`), with one result per
 * user in request order and totals. An owner's or admin's invitation adds them at once (and
 * settles their pending invitations and join requests as approved); a plain member's waits for
 * an owner or admin, who get `group.invitation_created`. A user fails with `user.not_found`,
 * `group.already_member`, `group.invitee_not_friend` (not a friend, or they blocked the caller:
 * a block makes the two no longer friends for contact), `group.invitation_already_pending` (plain
 * members) or `group.full`, and the others still go through.
 * @param access the group and the caller's membership, as the `GroupGate` admitted them.
 * @throws ApiError 404 `group.not_found`, 403 `group.not_member` (the group was dismissed, or
 *   the caller left, after the gate admitted them).
 */
export function inviteGroupMembers(
  services: Services,
  access: GroupAccess,
  body: OperationBody<'inviteGroupMembers'>,
): Promise<Schema<'GroupInvitationResults'>> {
  const callerId = access.caller.user_id;
  return services.work(async (trx, emit) => {
    const now = nowIso();
    const { group, caller } = await lockGroupForChange(trx, access, 'member');
    const direct = holds(caller.role, 'admin');
    const who = await readInvitees(trx, group, callerId, body.user_ids);
    const results = decide(body.user_ids, who, direct, group.max_members);
    const chosen = results.filter((r) => r.outcome !== 'failed').map((r) => r.user_id);
    if (direct) {
      await admitToGroup(trx, emit, group, chosen, callerId, now);
    } else {
      const message = body.message ?? null;
      const created = await createPending(trx, emit, group, callerId, chosen, message, now);
      for (const result of results) result.invitation = created.get(result.user_id) ?? null;
    }
    const count = (outcome: Result['outcome']) =>
      results.filter((r) => r.outcome === outcome).length;
    return {
      results,
      joined_count: count('joined'),
      pending_count: count('pending'),
      failed_count: count('failed'),
    };
  }, access.group.conversation_id);
}

/**
 * Approves or rejects a pending invitation (operations `approveGroupInvitation`,
 * `rejectGroupInvitation`). Approving adds the invitee (`group.member_joined`) and settles
 * their other pending invitations and join requests to the group; either way the inviter and
 * the group's owner and admins get `group.invitation_reviewed`.
 * @param access the group and the reviewing owner or admin, as the `GroupGate` admitted them.
 * @param reason the reviewer's reason (rejections), or null.
 * @throws ApiError 404 `group.invitation_not_found` (not an invitation of this group),
 *   409 `group.invitation_not_pending`, 409 `group.full`, and the gate's answers when the group
 *   or the caller's role changed after it admitted them (`lockGroupForChange`).
 */
export function reviewGroupInvitation(
  services: Services,
  access: GroupAccess,
  invitationId: string,
  status: 'approved' | 'rejected',
  reason: string | null,
): Promise<GroupInvitation> {
  const reviewerId = access.caller.user_id;
  return services.work(async (trx, emit) => {
    const now = nowIso();
    const row = await trx
      .selectFrom('group_invitations')
      .select(['id', 'invitee_id'])
      .where('id', '=', invitationId)
      .where('group_id', '=', access.group.id)
      .executeTakeFirst();
    if (!row) {
      throw new ApiError(404, 'group.invitation_not_found', 'No such invitation in this group.');
    }
    const { group } = await lockGroupForChange(trx, access, 'admin');
    const decision = { status, reviewerId, reason, now };
    const [view] = await reviewInvitations(trx, emit, { group, ids: [row.id] }, decision);
    if (!view) {
      throw new ApiError(
        409,
        'group.invitation_not_pending',
        'This invitation was already approved or rejected.',
      );
    }
    if (status === 'approved')
      await admitToGroup(trx, emit, group, [row.invitee_id], reviewerId, now);
    return view;
  }, access.group.conversation_id);
}
