import type { GroupMembersTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { toUserRef, type UserRow } from './userViews.js';

/** A group row with what its view needs: the owner, the member count, the caller's role. */
export interface GroupViewRow {
  group: GroupsTable;
  owner: UserRow;
  memberCount: number;
  myRole: GroupMembersTable['role'] | null;
}

/** A chat group as the caller sees it (`Group`). */
export function toGroup({ group, owner, memberCount, myRole }: GroupViewRow): Schema<'Group'> {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    avatar_url: group.avatar_url,
    owner: toUserRef(owner),
    member_count: memberCount,
    max_members: group.max_members,
    muted_all: group.muted_all === 1,
    conversation_id: group.conversation_id,
    my_role: myRole,
    created_at: group.created_at,
    updated_at: group.updated_at,
  };
}

/** A group by id, name and avatar (`GroupRef`). */
export function toGroupRef(
  group: Pick<GroupsTable, 'id' | 'name' | 'avatar_url'>,
): Schema<'GroupRef'> {
  return { id: group.id, name: group.name, avatar_url: group.avatar_url };
}

/**
 * Whether a member may not send now: muted until unmuted, or until a time still ahead.
 * @param now ISO 8601 time to compare timed mutes with.
 */
export function isMuted(member: GroupMembersTable, now: string): boolean {
  return (
    member.muted_indefinitely === 1 || (member.muted_until !== null && member.muted_until > now)
  );
}

/** A member of a group (`GroupMember`). */
export function toGroupMember(
  member: GroupMembersTable,
  user: UserRow,
  now: string,
): Schema<'GroupMember'> {
  const muted = isMuted(member, now);
  return {
    group_id: member.group_id,
    user: toUserRef(user),
    role: member.role,
    nickname: member.nickname,
    muted,
    muted_until: muted ? member.muted_until : null,
    joined_at: member.joined_at,
  };
}
