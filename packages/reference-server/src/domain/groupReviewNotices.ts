import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupsTable } from '../db/DatabaseSchema.js';
import type { RealtimeEvent } from './events.js';
import type { GroupEventType } from './groupEvents.js';
import { recordGroupEvent } from './groupEvents.js';
import type { Emit } from './unitOfWork.js';

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

/**
 * User ids of a group's owner and admins: who reviews its invitations and join requests, and
 * the audience of the events about them.
 */
export async function groupReviewerIds(
  trx: Transaction<DatabaseSchema>,
  groupId: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', groupId)
    .where('role', 'in', ['owner', 'admin'])
    .execute();
  return rows.map((r) => r.user_id);
}

/** What {@link announceReviewDecisions} tells, and whom. */
export interface ReviewNotices<View> {
  /** The group the decided invitations or join requests belong to. */
  group: GroupsTable;
  /** The decision they were given. */
  decision: ReviewDecision;
  /** The decided invitations or join requests, as the API shows them. */
  views: readonly View[];
  /** The personal realtime event about one decided view (`group.*_reviewed`). */
  event: (view: View) => RealtimeEvent;
  /** The user one view was decided for: an invitation's inviter, a request's applicant. */
  personOf: (view: View) => string;
  /** The group event feed entry those users get, e.g. `invitation_approved`. */
  groupEventType: GroupEventType;
}

/**
 * Tells everyone about decided invitations or join requests, inside the unit of work that
 * decided them: for each view, the person it was decided for and the group's owner and admins
 * get `notices.event(view)` as a personal event (each user once), and those persons' group event
 * feeds get a `notices.groupEventType` entry with the reviewer as actor and the decision's reason.
 */
export async function announceReviewDecisions<View>(
  trx: Transaction<DatabaseSchema>,
  emit: Emit,
  notices: ReviewNotices<View>,
): Promise<void> {
  const reviewers = await groupReviewerIds(trx, notices.group.id);
  for (const view of notices.views) {
    const people = [...new Set([notices.personOf(view), ...reviewers])];
    emit({ event: notices.event(view), recipients: people, audience: people });
  }
  await recordGroupEvent(trx, emit, {
    type: notices.groupEventType,
    group: notices.group,
    userIds: notices.views.map(notices.personOf),
    actorId: notices.decision.reviewerId,
    reason: notices.decision.reason,
    now: notices.decision.now,
  });
}

/** The two kinds of review a group's owner and admins make: same columns, another person. */
type ReviewTable = 'group_invitations' | 'group_join_requests';

/**
 * Marks decided the rows of a review table that are still pending among those of `group` (all
 * of them, or those with `ids`, or those whose `personColumn` is in `personIds`): each becomes
 * `approved` or `rejected` once; a row decided meanwhile, by another reviewer or another process,
 * is left alone. Used by {@link reviewInvitations} and {@link reviewJoinRequests}.
 * @returns the rows decided now.
 */
export async function markPendingDecided<T extends ReviewTable>(
  trx: Transaction<DatabaseSchema>,
  table: T,
  personColumn: T extends 'group_invitations' ? 'invitee_id' : 'applicant_id',
  which: { group: GroupsTable; ids?: readonly string[]; personIds?: readonly string[] },
  decision: ReviewDecision,
): Promise<DatabaseSchema[T][]> {
  if (which.ids?.length === 0 || which.personIds?.length === 0) return [];
  // The two tables share every column used here; kysely needs one of them named to type them.
  let update = trx
    .updateTable(table as 'group_invitations')
    .set({
      status: decision.status,
      reviewer_id: decision.reviewerId,
      reason: decision.reason,
      reviewed_at: decision.now,
    })
    .where('group_id', '=', which.group.id)
    .where('status', '=', 'pending');
  if (which.ids) update = update.where('id', 'in', [...which.ids]);
  if (which.personIds) {
    update = update.where(personColumn as 'invitee_id', 'in', [...which.personIds]);
  }
  return (await update.returningAll().execute()) as DatabaseSchema[T][];
}
