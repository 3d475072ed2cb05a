import { listGroupInvitations } from '../domain/groupInvitationList.js';
import { inviteGroupMembers, reviewGroupInvitation } from '../domain/groupInvitations.js';
import { listGroupJoinRequests } from '../domain/groupJoinRequestList.js';
import {
  createGroupJoinRequest,
  findGroupJoinRequest,
  reviewGroupJoinRequest,
} from '../domain/groupJoinRequests.js';
import type { Services } from '../domain/Services.js';
import type { GroupAccess, GroupAccessRule, GroupGate } from '../groups/GroupGate.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** The access the gate established for an operation whose group is its `group_id` path parameter. */
function admitted(group: GroupAccess | undefined): GroupAccess {
  if (!group)
    throw new Error('The GroupGate did not check this operation: x-group-access missing?');
  return group;
}

/** The spec's `x-group-access` rule of an operation; throws at startup when the spec lacks it. */
function ruleOf(gate: GroupGate, operationId: string): GroupAccessRule {
  const rule = gate.ruleOf(operationId);
  if (!rule) throw new Error(`${operationId} has no x-group-access in the spec`);
  return rule;
}

/**
 * Handlers of group invitations and join requests. The invitation operations' group is their
 * `group_id` path parameter, checked by the `GroupGate` before the handler; a join request's
 * group comes from the request, so its review operations admit the caller here, through `gate`.
 * @param gate admits callers of the join-request operations, whose group comes from the request.
 */
export function groupRequestHandlers(services: Services, gate: GroupGate): OperationHandlers {
  const approveRule = ruleOf(gate, 'approveGroupJoinRequest');
  const rejectRule = ruleOf(gate, 'rejectGroupJoinRequest');
  return {
    async inviteGroupMembers({ group, body }) {
      return { status: 200, body: await inviteGroupMembers(services, admitted(group), body) };
    },
    async listGroupInvitations({ group, query }) {
      return { status: 200, body: await listGroupInvitations(services, admitted(group), query) };
    },
    async approveGroupInvitation({ group, path }) {
      const access = admitted(group);
      const invitation = await reviewGroupInvitation(
        services,
        access,
        path.invitation_id,
        'approved',
        null,
      );
      return { status: 200, body: invitation };
    },
    async rejectGroupInvitation({ group, path, body }) {
      const access = admitted(group);
      const reason = body?.reason ?? null;
      const invitation = await reviewGroupInvitation(
        services,
        access,
        path.invitation_id,
        'rejected',
        reason,
      );
      return { status: 200, body: invitation };
    },
    async createGroupJoinRequest({ auth, body }) {
      return { status: 201, body: await createGroupJoinRequest(services, auth.userId, body) };
    },
    async listGroupJoinRequests({ auth, query }) {
      return { status: 200, body: await listGroupJoinRequests(services, auth.userId, query) };
    },
    async approveGroupJoinRequest({ auth, path }) {
      const request = await findGroupJoinRequest(services.db, path.join_request_id);
      const access = await gate.admit(approveRule, request.group_id, auth.userId);
      const view = await reviewGroupJoinRequest(services, access, request, 'approved', null);
      return { status: 200, body: view };
    },
    async rejectGroupJoinRequest({ auth, path, body }) {
      const request = await findGroupJoinRequest(services.db, path.join_request_id);
      const access = await gate.admit(rejectRule, request.group_id, auth.userId);
      const reason = body?.reason ?? null;
      const view = await reviewGroupJoinRequest(services, access, request, 'rejected', reason);
      return { status: 200, body: view };
    },
  };
}
