import type { GroupsTable } from '../db/DatabaseSchema.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { updateGroupMember } from './groupMemberUpdate.js';
import type { Services } from './Services.js';

/**
 * Sets or, with null, removes the caller's nickname in a group (operation
 * `updateMyGroupMember`); the spec's `GroupNickname` (1 to 30 characters) was checked by the
 * router and the caller's membership by the `GroupGate`. The group's members get
 * `group.member_updated`.
 * @returns the caller's membership after the change.
 * @throws ApiError 404 `group.member_not_found` when the caller left meanwhile.
 */
export function updateMyGroupMember(
  services: Pick<Services, 'work'>,
  group: GroupsTable,
  callerId: string,
  body: OperationBody<'updateMyGroupMember'>,
): Promise<Schema<'GroupMember'>> {
  return services.work(
    (trx, emit) =>
      updateGroupMember(trx, emit, group, callerId, { nickname: body.nickname }, nowIso()),
    group.conversation_id,
  );
}
