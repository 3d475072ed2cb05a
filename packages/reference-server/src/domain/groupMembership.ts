import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupMembersTable, GroupsTable } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import { toGroupMember } from './groupViews.js';
import { memberIds } from './membership.js';
import type { Emit } from './unitOfWork.js';
import { toUserRef, type UserRow, userColumns } from './userViews.js';

type Trx = Transaction<DatabaseSchema>;

/**
 * Write-locks the group conversation's row until the transaction ends and reads where its
 * message and event streams stand, so a join or departure happens at an exact `seq`: sends to
 * the conversation take the same lock (see `storeMessage`).
 */
async function lockConversation(trx: Trx, conversationId: string, now: string) {
  const conversation = await trx
    .updateTable('conversations')
    .set({ updated_at: now })
    .where('id', '=', conversationId)
    .returning('last_message_seq')
    .executeTakeFirstOrThrow();
  const head = await trx
    .selectFrom('stream_head')
    .select('position')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: conversation.last_message_seq, position: Number(head.position) };
}

/** User ids of the group conversation's current members: the audience of its events. */
export function currentMemberIds(trx: Trx, conversationId: string): Promise<string[]> {
  return memberIds(trx, conversationId);
}

async function usersById(trx: Trx, ids: readonly string[]): Promise<Map<string, UserRow>> {
  const users = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(users.map((u) => [u.id, u]));
}

/**
 * Adds users to a group inside a unit of work (creation, an approved invitation or join
 * request): each sees the conversation's messages and events from this moment on (a user who
 * had left and comes back sees only what follows the return), and every member, the new ones
 * included, gets `group.member_joined` for each.
 * @param role the role they join with: `member`, or `owner` for the creator.
 * @throws ApiError 409 `group.already_member`, 409 `group.full` (past `max_members`).
 * @returns the new members' rows.
 */
export async function addGroupMembers(
  trx: Trx,
  emit: Emit,
  group: GroupsTable,
  userIds: readonly string[],
  now: string,
  role: GroupMembersTable['role'] = 'member',
): Promise<GroupMembersTable[]> {
  const at = await lockConversation(trx, group.conversation_id, now);
  const present = await trx
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', group.id)
    .execute();
  const already = userIds.find((id) => present.some((p) => p.user_id === id));
  if (already) {
    throw new ApiError(409, 'group.already_member', 'That user is already a member.');
  }
  if (present.length + userIds.length > group.max_members) {
    throw new ApiError(409, 'group.full', `The group has its ${group.max_members} members.`);
  }
  const members: GroupMembersTable[] = userIds.map((user_id) => ({
    group_id: group.id,
    user_id,
    role,
    nickname: null,
    muted_until: null,
    muted_indefinitely: 0,
    joined_at: now,
  }));
  if (members.length === 0) return [];
  await trx.insertInto('group_members').values(members).execute();
  for (const { user_id } of members) {
    const span = {
      visible_from_seq: at.seq,
      visible_until_seq: null,
      joined_position: at.position,
      left_position: null,
    };
    await trx
      .insertInto('conversation_members')
      .values({
        conversation_id: group.conversation_id,
        user_id,
        last_read_seq: at.seq,
        joined_at: now,
        ...span,
      })
      .onConflict((oc) =>
        oc.columns(['conversation_id', 'user_id']).doUpdateSet({ ...span, last_read_seq: at.seq }),
      )
      .execute();
  }
  const users = await usersById(trx, userIds);
  const audience = await currentMemberIds(trx, group.conversation_id);
  for (const member of members) {
    emit({
      event: {
        type: 'group.member_joined',
        data: toGroupMember(member, users.get(member.user_id)!, now),
      },
      conversationId: group.conversation_id,
      audience,
    });
  }
  return members;
}

/**
 * Takes a member out of a group inside a unit of work (they left, or `actor` removed them):
 * from this moment nothing more of the conversation reaches them, live or on resume, and they
 * keep, read-only, the history and events before it (the conversation stays in their list,
 * `disabled`). The remaining members and the member themselves get `group.member_left` (no
 * actor) or `group.member_removed`.
 * @throws ApiError 404 `group.member_not_found`.
 */
export async function removeGroupMember(
  trx: Trx,
  emit: Emit,
  group: GroupsTable,
  userId: string,
  actor: UserRow | null,
  now: string,
): Promise<void> {
  const at = await lockConversation(trx, group.conversation_id, now);
  const removed = await trx
    .deleteFrom('group_members')
    .where('group_id', '=', group.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) {
    throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
  }
  await trx
    .updateTable('conversation_members')
    .set({ visible_until_seq: at.seq, left_position: at.position })
    .where('conversation_id', '=', group.conversation_id)
    .where('user_id', '=', userId)
    .execute();
  const users = await usersById(trx, [userId]);
  const data = {
    group_id: group.id,
    user: toUserRef(users.get(userId)!),
    actor: actor ? toUserRef(actor) : null,
  };
  emit({
    event: actor ? { type: 'group.member_removed', data } : { type: 'group.member_left', data },
    conversationId: group.conversation_id,
    // The member is out of the conversation: the event reaches them as a personal one.
    recipients: [userId],
    audience: [...(await currentMemberIds(trx, group.conversation_id)), userId],
  });
}
