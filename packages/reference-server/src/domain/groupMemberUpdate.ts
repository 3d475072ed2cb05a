import type { Transaction, Updateable } from 'kysely';
import type { DatabaseSchema, GroupMembersTable, GroupsTable } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { currentMemberIds } from './groupMembership.js';
import { toGroupMember } from './groupViews.js';
import type { Emit } from './unitOfWork.js';
import { userColumns } from './userViews.js';

/** What a member update may change: the role, the mute, the group nickname. */
export type GroupMemberChanges = Pick<
  Updateable<GroupMembersTable>,
  'role' | 'nickname' | 'muted_until' | 'muted_indefinitely'
>;

/**
 * Changes one member's row inside a unit of work and tells the group: every current member
 * gets `group.member_updated` with the member as they are now (live, and on resume while they
 * are members).
 * @param now ISO 8601 time of the change, against which a timed mute is judged in the view.
 * @param announce false to change the row without the event (a change nobody can see).
 * @returns the member's view after the change.
 * @throws ApiError 404 `group.member_not_found` when the user is no longer a member.
 */
export async function updateGroupMember(
  trx: Transaction<DatabaseSchema>,
  emit: Emit,
  group: GroupsTable,
  userId: string,
  changes: GroupMemberChanges,
  now: string,
  announce = true,
): Promise<Schema<'GroupMember'>> {
  const member = await trx
    .updateTable('group_members')
    .set(changes)
    .where('group_id', '=', group.id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  if (!member) {
    throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
  }
  const user = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const view = toGroupMember(member, user, now);
  if (!announce) return view;
  emit({
    event: { type: 'group.member_updated', data: view },
    conversationId: group.conversation_id,
    audience: await currentMemberIds(trx, group.conversation_id),
  });
  return view;
}
