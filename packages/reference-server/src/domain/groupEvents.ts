import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { type GroupEventRow, toGroupEvent } from './groupEventViews.js';
import { newId } from './ids.js';
import type { Emit } from './unitOfWork.js';
import { userColumns } from './userViews.js';

/** What happened to a user in a group (`GroupEventType`: `became_admin`, `removed`...). */
export type GroupEventType = Schema<'GroupEventType'>;

/** One thing a group did to or for some users, to record in each one's feed. */
export interface NewGroupEvent {
  type: GroupEventType;
  /** The group it happened in (a dismissed group too). */
  group: Pick<GroupsTable, 'id' | 'name' | 'avatar_url'>;
  /** Whose feeds get an entry (one entry each): e.g. the member made admin, or removed. */
  userIds: readonly string[];
  /** Who did it (the owner or an admin); null when the system did (a timed mute ending). */
  actorId: string | null;
  /** With `muted`: the ISO 8601 time the mute ends, or null for "until unmuted". */
  mutedUntil?: string | null;
  /** With `invitation_rejected` / `join_request_rejected`: the reviewer's reason, if any. */
  reason?: string | null;
  /** ISO 8601 time it happened (`nowIso()` of the operation). */
  now: string;
}

/** Rows per multi-row INSERT: 9 columns × 200 stays far below SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 200;

/**
 * Records a group event inside a unit of work: an unread entry in the feed of each of
 * `userIds` (`listGroupEvents`), and a `notification.group_event` pushed to each of them as a
 * personal event (delivered live and on resume to that user only, member or not: a removed
 * member or a rejected applicant gets it too). Call it from the operation that makes the thing
 * happen, with that operation's `trx` and `emit`, so the entry exists exactly when the change
 * commits.
 * @example
 * await recordGroupEvent(trx, emit, {
 *   type: 'became_admin', group, userIds: [target.user_id], actorId: callerId, now,
 * });
 * @returns the new entries, in the order of `userIds`.
 */
export async function recordGroupEvent(
  trx: Transaction<DatabaseSchema>,
  emit: Emit,
  input: NewGroupEvent,
): Promise<Schema<'GroupEvent'>[]> {
  if (input.userIds.length === 0) return [];
  const rows: GroupEventRow[] = input.userIds.map((user_id) => ({
    id: newId(),
    user_id,
    group_id: input.group.id,
    type: input.type,
    actor_id: input.actorId,
    muted_until: input.mutedUntil ?? null,
    reason: input.reason ?? null,
    is_read: 0,
    created_at: input.now,
  }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('group_events')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  }
  const actor = input.actorId
    ? await trx
        .selectFrom('users')
        .select(userColumns)
        .where('id', '=', input.actorId)
        .executeTakeFirstOrThrow()
    : null;
  return rows.map((row) => {
    const data = toGroupEvent(row, input.group, actor);
    emit({
      event: { type: 'notification.group_event', data },
      recipients: [row.user_id],
      audience: [row.user_id],
    });
    return data;
  });
}
