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
