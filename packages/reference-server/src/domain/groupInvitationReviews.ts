import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { toGroupInvitations } from './groupInvitationViews.js';
import {
  announceReviewDecisions,
  groupReviewerIds,
  markPendingDecided,
  type ReviewDecision,
} from './groupReviewNotices.js';
import type { Emit } from './unitOfWork.js';

type Trx = Transaction<DatabaseSchema>;

/** Defined in groupReviewNotices.ts; re-exported for the modules that import them from here. */
export { groupReviewerIds, type ReviewDecision };

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
  const rows = await markPendingDecided(
    trx,
    'group_invitations',
    'invitee_id',
    { group: which.group, ids: which.ids, personIds: which.inviteeIds },
    decision,
  );
  if (rows.length === 0) return [];
  const views = await toGroupInvitations(trx, rows);
  await announceReviewDecisions(trx, emit, {
    group: which.group,
    decision,
    views,
    event: (view) => ({ type: 'group.invitation_reviewed', data: view }),
    personOf: (view) => view.inviter.id,
    groupEventType: `invitation_${decision.status}`,
  });
  return views;
}
