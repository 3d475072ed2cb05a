import type { GroupJoinRequestsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { toGroupRef } from './groupViews.js';
import { userRefsById } from './userRefsById.js';

type GroupJoinRequest = Schema<'GroupJoinRequest'>;

/**
 * Join requests as the API shows them (`GroupJoinRequest`), with the group, the applicant and
 * the reviewer embedded. Loads the groups and the users the rows mention in two queries,
 * whatever the number of rows.
 * @param db the database, or the running unit of work's transaction.
 */
export async function toGroupJoinRequests(
  db: Database,
  rows: readonly GroupJoinRequestsTable[],
): Promise<GroupJoinRequest[]> {
  if (rows.length === 0) return [];
  const refs = await userRefsById(
    db,
    rows.flatMap((row) => [row.applicant_id, ...(row.reviewer_id ? [row.reviewer_id] : [])]),
  );
  const groupIds = [...new Set(rows.map((row) => row.group_id))];
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'name', 'avatar_url'])
    .where('id', 'in', groupIds)
    .execute();
  const groupRefs = new Map(groups.map((group) => [group.id, toGroupRef(group)]));
  return rows.map((row) => ({
    id: row.id,
    group: groupRefs.get(row.group_id)!,
    applicant: refs.get(row.applicant_id)!,
    message: row.message,
    status: row.status,
    reviewer: row.reviewer_id ? refs.get(row.reviewer_id)! : null,
    reason: row.reason,
    created_at: row.created_at,
    reviewed_at: row.reviewed_at,
  }));
}

/** One join request as the API shows it; see {@link toGroupJoinRequests}. */
export async function toGroupJoinRequest(
  db: Database,
  row: GroupJoinRequestsTable,
): Promise<GroupJoinRequest> {
  const [view] = await toGroupJoinRequests(db, [row]);
  return view!;
}
