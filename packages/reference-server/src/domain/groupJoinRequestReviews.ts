import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import type { ReviewDecision } from './groupInvitationReviews.js';
import { toGroupJoinRequests } from './groupJoinRequestViews.js';
import { announceReviewDecisions, markPendingDecided } from './groupReviewNotices.js';
import type { Emit } from './unitOfWork.js';

type Trx = Transaction<DatabaseSchema>;

/** Which pending join requests to one group a decision applies to. */
export interface PendingJoinRequests {
  /** The group, as the unit of work read it. */
  group: GroupsTable;
  /** These requests only. */
  ids?: readonly string[];
  /** Every pending request of these applicants. */
  applicantIds?: readonly string[];
}

/**
 * Decides the join requests that are still pending among `which`, inside a unit of work: each
 * becomes `approved` or `rejected` once (a request decided meanwhile, by another reviewer or
 * another process, is left alone), its applicant and the group's owner and admins get
 * `group.join_request_reviewed` as a personal event, and the applicant's group event feed gets
 * `join_request_approved` / `join_request_rejected` (with the reason). Does not add anyone.
 * @returns the decided requests (empty when none was pending).
 */
export async function reviewJoinRequests(
  trx: Trx,
  emit: Emit,
  which: PendingJoinRequests,
  decision: ReviewDecision,
): Promise<Schema<'GroupJoinRequest'>[]> {
  const rows = await markPendingDecided(
    trx,
    'group_join_requests',
    'applicant_id',
    { group: which.group, ids: which.ids, personIds: which.applicantIds },
    decision,
  );
  if (rows.length === 0) return [];
  const views = await toGroupJoinRequests(trx, rows);
  await announceReviewDecisions(trx, emit, {
    group: which.group,
    decision,
    views,
    event: (view) => ({ type: 'group.join_request_reviewed', data: view }),
    personOf: (view) => view.applicant.id,
    groupEventType: `join_request_${decision.status}`,
  });
  return views;
}
