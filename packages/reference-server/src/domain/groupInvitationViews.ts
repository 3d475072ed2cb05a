import type { GroupInvitationsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { userRefsById } from './userRefsById.js';

type GroupInvitation = Schema<'GroupInvitation'>;

/**
 * Group invitations as the API shows them (`GroupInvitation`), with the inviter, invitee and
 * reviewer embedded. Loads every user the rows mention in one query, whatever the number of rows.
 * @param db the database, or the running unit of work's transaction.
 */
export async function toGroupInvitations(
  db: Database,
  rows: readonly GroupInvitationsTable[],
): Promise<GroupInvitation[]> {
  if (rows.length === 0) return [];
  const refs = await userRefsById(
    db,
    rows.flatMap((row) => [
      row.inviter_id,
      row.invitee_id,
      ...(row.reviewer_id ? [row.reviewer_id] : []),
    ]),
  );
  return rows.map((row) => ({
    id: row.id,
    group_id: row.group_id,
    inviter: refs.get(row.inviter_id)!,
    invitee: refs.get(row.invitee_id)!,
    message: row.message,
    status: row.status,
    reviewer: row.reviewer_id ? refs.get(row.reviewer_id)! : null,
    reason: row.reason,
    created_at: row.created_at,
    reviewed_at: row.reviewed_at,
  }));
}

/** One group invitation as the API shows it; see {@link toGroupInvitations}. */
export async function toGroupInvitation(
  db: Database,
  row: GroupInvitationsTable,
): Promise<GroupInvitation> {
  const [view] = await toGroupInvitations(db, [row]);
  return view!;
}
