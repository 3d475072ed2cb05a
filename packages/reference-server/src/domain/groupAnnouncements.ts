import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { toGroupAnnouncement } from './groupAnnouncementViews.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { currentMemberIds } from './groupMembership.js';
import { newId } from './ids.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { type UserRow, userColumns } from './userViews.js';

const LIST = 'group_announcements';

type AuthorColumns = { [C in (typeof userColumns)[number] as `author_${C}`]: unknown };

/** Extracts the `author_*` columns of an announcement row joined with its author. */
function authorOf(row: AuthorColumns): UserRow {
  return Object.fromEntries(userColumns.map((c) => [c, row[`author_${c}`]])) as unknown as UserRow;
}

/**
 * A group's announcements, newest first, one query per page (operation
 * `listGroupAnnouncements`; the `GroupGate` has admitted the caller as a member).
 * @param groupId the group's id.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this group's list.
 */
export async function listGroupAnnouncements(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  groupId: string,
  query: OperationQuery<'listGroupAnnouncements'>,
): Promise<Schema<'GroupAnnouncementPage'>> {
  const limit = pageSize(query.limit);
  const scope = `${LIST}:${groupId}`;
  let select = db
    .selectFrom('group_announcements as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select(userColumns.map((c) => `u.${c} as author_${c}` as const))
    .where('a.group_id', '=', groupId);
  if (query.after) {
    const [id] = cursors.decode(scope, query.after, 'after', 1).map(String);
    select = select.where('a.id', '<', id!);
  }
  const found = await select
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toGroupAnnouncement(row, authorOf(row))),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.id]) : null,
  };
}

/**
 * Posts an announcement (operation `createGroupAnnouncement`; the `GroupGate` has admitted the
 * caller as the owner or an admin, and the unit of work checks it again under the group's lock,
 * see `lockGroupForChange`). Every current member gets `group.announcement_created`, as a
 * conversation event of the group, so it is replayed to members only.
 * @param access the group and the caller's membership, as the gate established them.
 * @param content the text, 1-2000 characters (validated against the spec before this).
 * @returns the announcement.
 * @throws ApiError 404 `group.not_found`, 403 `group.not_member` / `group.permission_denied`
 *   when the group was dismissed, or the caller left or lost their role, since the gate.
 */
export async function createGroupAnnouncement(
  services: Pick<Services, 'work'>,
  access: GroupAccess,
  content: string,
): Promise<Schema<'GroupAnnouncement'>> {
  return services.work(async (trx, emit) => {
    const { group, caller } = await lockGroupForChange(trx, access, 'admin');
    const row = {
      id: newId(),
      group_id: group.id,
      author_id: caller.user_id,
      content,
      created_at: nowIso(),
    };
    await trx.insertInto('group_announcements').values(row).execute();
    const author = await trx
      .selectFrom('users')
      .select(userColumns)
      .where('id', '=', caller.user_id)
      .executeTakeFirstOrThrow();
    const announcement = toGroupAnnouncement(row, author);
    emit({
      event: { type: 'group.announcement_created', data: announcement },
      conversationId: group.conversation_id,
      audience: await currentMemberIds(trx, group.conversation_id),
    });
    return announcement;
  }, access.group.conversation_id);
}

/**
 * Deletes an announcement of a group (operation `deleteGroupAnnouncement`; the `GroupGate` has
 * admitted the caller as the owner or an admin, checked again under the group's lock).
 * @param access the group and the caller's membership, as the gate established them.
 * @throws ApiError 404 `group.announcement_not_found` when the group has no such announcement
 *   (an announcement of another group counts as none); the gate's codes as
 *   {@link createGroupAnnouncement}.
 */
export async function deleteGroupAnnouncement(
  services: Pick<Services, 'work'>,
  access: GroupAccess,
  announcementId: string,
): Promise<void> {
  await services.work(async (trx) => {
    const { group } = await lockGroupForChange(trx, access, 'admin');
    const deleted = await trx
      .deleteFrom('group_announcements')
      .where('id', '=', announcementId)
      .where('group_id', '=', group.id)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) {
      throw new ApiError(
        404,
        'group.announcement_not_found',
        'No such announcement in this group.',
      );
    }
  }, access.group.conversation_id);
}
