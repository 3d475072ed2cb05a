import { dismissGroup } from '../domain/groupLifecycleDismissal.js';
import { leaveGroup } from '../domain/groupLifecycleLeave.js';
import { setGroupMuteAll } from '../domain/groupLifecycleMuteAll.js';
import { transferGroupOwnership } from '../domain/groupLifecycleTransfer.js';
import { updateGroup } from '../domain/groupLifecycleUpdate.js';
import type { Services } from '../domain/Services.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** The gate's findings; every operation here has an `x-group-access` role on `{group_id}`. */
function admitted(group: GroupAccess | undefined): GroupAccess {
  if (!group) throw new Error('A group lifecycle operation ran without the GroupGate.');
  return group;
}

/**
 * Handlers of a group's lifecycle: `updateGroup`, `dismissGroup`, `transferGroupOwnership`,
 * `leaveGroup` and `setGroupMuteAll`. Who may call each is checked before the handler by the
 * `GroupGate`, from the operation's `x-group-access` in the spec.
 */
export function groupLifecycleHandlers(services: Services): OperationHandlers {
  return {
    async updateGroup({ group, body }) {
      return { status: 200, body: await updateGroup(services, admitted(group), body) };
    },
    async dismissGroup({ group }) {
      await dismissGroup(services, admitted(group));
      return { status: 204 };
    },
    async transferGroupOwnership({ group, body }) {
      return {
        status: 200,
        body: await transferGroupOwnership(services, admitted(group), body.user_id),
      };
    },
    async leaveGroup({ group }) {
      await leaveGroup(services, admitted(group));
      return { status: 204 };
    },
    async setGroupMuteAll({ group, body }) {
      return {
        status: 200,
        body: await setGroupMuteAll(services, admitted(group), body.muted_all),
      };
    },
  };
}
