import type { Transaction } from 'kysely';
import type { DatabaseSchema, GroupMembersTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { GroupRole } from '../groups/groupRoles.js';
import type { Schema } from '../spec/operationTypes.js';
import { toGroup } from './groupViews.js';
import type { Emit } from './unitOfWork.js';
import { type UserRow, userColumns } from './userViews.js';

/** A group as it stands inside a unit of work: its row, its owner and every member's role. */
export interface GroupState {
  group: GroupsTable;
  owner: UserRow;
  members: Pick<GroupMembersTable, 'user_id' | 'role'>[];
}

/** Reads, inside `trx`, what the views of `group` need (two queries). */
export async function readGroupState(
  trx: Transaction<DatabaseSchema>,
  group: GroupsTable,
): Promise<GroupState> {
  const [owner, members] = await Promise.all([
    trx
      .selectFrom('users')
      .select(userColumns)
      .where('id', '=', group.owner_id)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('group_members')
      .select(['user_id', 'role'])
      .where('group_id', '=', group.id)
      .execute(),
  ]);
  return { group, owner, members };
}

/** The group (`Group`) as a member with `role` sees it, or an outsider when `role` is null. */
export function groupSeenAs(state: GroupState, role: GroupRole | null): Schema<'Group'> {
  return toGroup({
    group: state.group,
    owner: state.owner,
    memberCount: state.members.length,
    myRole: role,
  });
}

const ROLES: readonly GroupRole[] = ['owner', 'admin', 'member'];

/**
 * Emits `group.updated` to every current member. Its `data` is a `Group`, whose `my_role` is
 * the recipient's own role, so the event goes out once per role held in the group (at most
 * three), each addressed to that role's members as personal recipients rather than to the
 * conversation: a member who joins later never replays a view written for someone else, and a
 * member who leaves later still replays the one that was theirs. Group changes are rare
 * owner/admin actions, so the one recipient row per member stays off the message path.
 */
export function emitGroupUpdated(emit: Emit, state: GroupState): void {
  for (const role of ROLES) {
    const ids = state.members.filter((m) => m.role === role).map((m) => m.user_id);
    if (ids.length === 0) continue;
    emit({
      event: { type: 'group.updated', data: groupSeenAs(state, role) },
      recipients: ids,
      audience: ids,
    });
  }
}
