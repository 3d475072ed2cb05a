import type { GroupAnnouncementsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { toUserRef, type UserRow } from './userViews.js';

/** An announcement with its author (`GroupAnnouncement`). */
export function toGroupAnnouncement(
  row: GroupAnnouncementsTable,
  author: UserRow,
): Schema<'GroupAnnouncement'> {
  return {
    id: row.id,
    group_id: row.group_id,
    author: toUserRef(author),
    content: row.content,
    created_at: row.created_at,
  };
}
