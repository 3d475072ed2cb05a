import { getGroupMember, listGroupMembers } from '../domain/groupMemberList.js';
import { muteGroupMember, unmuteGroupMember } from '../domain/groupMemberMute.js';
import { updateMyGroupMember } from '../domain/groupMemberNickname.js';
import { removeGroupMemberByCaller } from '../domain/groupMemberRemoval.js';
import { setGroupMemberRole } from '../domain/groupMemberRole.js';
import type { Services } from '../domain/Services.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/**
 * What the `GroupGate` established for an operation with an `x-group-access` role; its absence
 * means the operation is not gated as the spec says, a server bug.
 * @throws Error when the gate did not run.
 */
function admitted(group: GroupAccess | undefined): GroupAccess {
  if (!group) throw new Error('The GroupGate did not check this group operation.');
  return group;
}

/** As {@link admitted}, for operations on a member (`outranks_target`): the target is known. */
function admittedOnTarget(group: GroupAccess | undefined): Required<GroupAccess> {
  const access = admitted(group);
  if (!access.target) throw new Error('The GroupGate did not load the target member.');
  return { ...access, target: access.target };
}

/**
 * Handlers of a group's members: listing and reading them, the caller's group nickname,
 * removing, roles, mutes. Who may call each one is checked before the handler by the
 * `GroupGate`, from the operation's `x-group-access` in the spec; handlers add only the rules
 * the extension cannot say (nobody removes or mutes themselves, the owner's role is fixed).
 */
export function groupMemberHandlers(services: Services): OperationHandlers {
  return {
    async listGroupMembers({ group, query }) {
      const { id } = admitted(group).group;
      return { status: 200, body: await listGroupMembers(services, id, query) };
    },
    async getGroupMember({ group, path }) {
      const { id } = admitted(group).group;
      return { status: 200, body: await getGroupMember(services.db, id, path.user_id) };
    },
    async updateMyGroupMember({ auth, group, body }) {
      const access = admitted(group);
      return {
        status: 200,
        body: await updateMyGroupMember(services, access.group, auth.userId, body),
      };
    },
    async removeGroupMember({ group }) {
      await removeGroupMemberByCaller(services, admittedOnTarget(group));
      return { status: 204 };
    },
    async setGroupMemberRole({ auth, group, path, body }) {
      const access = admitted(group);
      return {
        status: 200,
        body: await setGroupMemberRole(services, access.group, auth.userId, path.user_id, body),
      };
    },
    async muteGroupMember({ group, body }) {
      return { status: 200, body: await muteGroupMember(services, admittedOnTarget(group), body) };
    },
    async unmuteGroupMember({ group }) {
      return { status: 200, body: await unmuteGroupMember(services, admittedOnTarget(group)) };
    },
  };
}
