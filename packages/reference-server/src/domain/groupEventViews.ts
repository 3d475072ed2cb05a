import type { GroupEventsTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { toGroupRef } from './groupViews.js';
import { toUserRef, type UserRow } from './userViews.js';

/** A stored group event feed entry, as selected (`is_read` read back as a 0/1 number). */
export type GroupEventRow = Omit<GroupEventsTable, 'is_read'> & { is_read: number };

/**
 * An entry of a user's group event feed (`GroupEvent`): `muted_until` only with `muted`,
 * `reason` only with a rejection (null otherwise).
 * @param actor who did it, or null when the system did.
 */
export function toGroupEvent(
  row: GroupEventRow,
  group: Pick<GroupsTable, 'id' | 'name' | 'avatar_url'>,
  actor: UserRow | null,
): Schema<'GroupEvent'> {
  return {
    id: row.id,
    type: row.type as Schema<'GroupEventType'>,
    group: toGroupRef(group),
    actor: actor ? toUserRef(actor) : null,
    is_read: row.is_read === 1,
    created_at: row.created_at,
    muted_until: row.type === 'muted' ? row.muted_until : null,
    reason: row.type.endsWith('_rejected') ? row.reason : null,
  };
}
