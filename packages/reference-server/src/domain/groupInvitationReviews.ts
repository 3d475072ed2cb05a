import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupInvitationsTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { recordGroupEvent } from './groupEvents.js';
import { toGroupInvitations } from './groupInvitationViews.js';
import type { Emit } from './unitOfWork.js';

type Trx = Transaction<DatabaseSchema>;

/** An owner's or admin's decision on pending invitations or join requests. */
export interface ReviewDecision {
  status: 'approved' | 'rejected';
  /** The owner or admin who decides. */
  reviewerId: string;
  /** The reviewer's reason (rejections); null for none. */
  reason: string | null;
  /** ISO 8601 time of the decision. */
  now: string;
}

/** Which pending invitations of one group a decision applies to. */
export interface PendingInvitations {
  /** The group, as the unit of work read it. */
  group: GroupsTable;
  /** These invitations only. */
  ids?: readonly string[];
  /** Every pending invitation of these invitees. */
  inviteeIds?: readonly string[];
}

/**
 * User ids of a group's owner and admins: who reviews its invitations and join requests, and
 * the audience of the events about them.
 */
export async function groupReviewerIds(trx: Trx, groupId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', groupId)
    .where('role', 'in', ['owner', 'admin'])
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Decides the invitations that are still pending among `which`, inside a unit of work: each
 * becomes `approved` or `rejected` once (an invitation decided meanwhile, by another reviewer or
 * another process, is left alone), its inviter and the group's owner and admins get
 * `group.invitation_reviewed` as a personal event, and the inviter's group event feed gets
 * `invitation_approved` / `invitation_rejected` (with the reason). Does not add anyone.
 * @returns the decided invitations (empty when none was pending).
 */
export async function reviewInvitations(
  trx: Trx,
  emit: Emit,
  which: PendingInvitations,
  decision: ReviewDecision,
): Promise<Schema<'GroupInvitation'>[]> {
  if (which.ids?.length === 0 || which.inviteeIds?.length === 0) return [];
  let update = trx
    .updateTable('group_invitations')
    .set({
      status: decision.status,
      reviewer_id: decision.reviewerId,
      reason: decision.reason,
      reviewed_at: decision.now,
    })
    .where('group_id', '=', which.group.id)
    .where('status', '=', 'pending');
  if (which.ids) update = update.where('id', 'in', [...which.ids]);
  if (which.inviteeIds) update = update.where('invitee_id', 'in', [...which.inviteeIds]);
  const rows: GroupInvitationsTable[] = await update.returningAll().execute();
  if (rows.length === 0) return [];
  const views = await toGroupInvitations(trx, rows);
  const reviewers = await groupReviewerIds(trx, which.group.id);
  for (const view of views) {
    const people = [...new Set([view.inviter.id, ...reviewers])];
    emit({
      event: { type: 'group.invitation_reviewed', data: view },
      recipients: people,
      audience: people,
    });
  }
  await recordGroupEvent(trx, emit, {
    type: `invitation_${decision.status}`,
    group: which.group,
    userIds: views.map((view) => view.inviter.id),
    actorId: decision.reviewerId,
    reason: decision.reason,
    now: decision.now,
  });
  return views;
}
