import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { recordGroupEvent } from './groupEvents.js';
import { updateGroupMember } from './groupMemberUpdate.js';
import { isMuted } from './groupViews.js';
import type { Services } from './Services.js';

/**
 * Refuses a mute or unmute aimed at the caller: the `GroupGate` lets a target through when it is
 * the caller, and nobody mutes or unmutes themselves (an admin muted by the owner stays muted).
 * @throws ApiError 403 `group.permission_denied`.
 */
function refuseSelf(access: Required<GroupAccess>, action: 'mute' | 'unmute'): void {
  if (access.target.user_id === access.caller.user_id) {
    throw new ApiError(403, 'group.permission_denied', `You cannot ${action} yourself.`);
  }
}

/**
 * Mutes a member (operation `muteGroupMember`) for `duration_seconds` (60 to 2,592,000, as the
 * spec checks), or until `unmuteGroupMember` when it is null or absent; a new mute replaces the
 * one in force. That the caller ranks above the member was checked by the `GroupGate`. The
 * group's members get `group.member_updated` and the member an entry in their group event feed
 * (`muted`, with `muted_until`); the member's sends are refused with `group.member_muted` until
 * the mute ends.
 * @param access the gate's rows: the group, the caller, the target member.
 * @returns the member, muted: `muted_until` is the end of a timed mute, null for an open one.
 * @throws ApiError 403 `group.permission_denied` (the caller themselves), 404
 *   `group.member_not_found` (left meanwhile).
 */
export async function muteGroupMember(
  services: Pick<Services, 'work'>,
  access: Required<GroupAccess>,
  body: OperationBody<'muteGroupMember'> | undefined,
): Promise<Schema<'GroupMember'>> {
  refuseSelf(access, 'mute');
  const seconds = body?.duration_seconds ?? null;
  return services.work(async (trx, emit) => {
    const at = new Date();
    const now = at.toISOString();
    const mutedUntil =
      seconds === null ? null : new Date(at.getTime() + seconds * 1000).toISOString();
    const changes = { muted_until: mutedUntil, muted_indefinitely: seconds === null ? 1 : 0 };
    const { group, caller, target } = access;
    const member = await updateGroupMember(trx, emit, group, target.user_id, changes, now);
    await recordGroupEvent(trx, emit, {
      type: 'muted',
      group,
      userIds: [target.user_id],
      actorId: caller.user_id,
      mutedUntil,
      now,
    });
    return member;
  }, access.group.conversation_id);
}

/**
 * Lifts a member's mute (operation `unmuteGroupMember`); the same callers as
 * {@link muteGroupMember}. When the member was muted, the group's members get
 * `group.member_updated` and the member an `unmuted` entry in their group event feed; unmuting a
 * member who is not muted changes nothing and announces nothing.
 * @param access the gate's rows: the group, the caller, the target member.
 * @returns the member, not muted.
 * @throws ApiError 403 `group.permission_denied` (the caller themselves), 404
 *   `group.member_not_found` (left meanwhile).
 */
export async function unmuteGroupMember(
  services: Pick<Services, 'work'>,
  access: Required<GroupAccess>,
): Promise<Schema<'GroupMember'>> {
  refuseSelf(access, 'unmute');
  return services.work(async (trx, emit) => {
    const now = nowIso();
    const member = await trx
      .selectFrom('group_members')
      .selectAll()
      .where('group_id', '=', access.group.id)
      .where('user_id', '=', access.target.user_id)
      .executeTakeFirst();
    if (!member) {
      throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
    }
    // A timed mute that already ended is cleared without a word: nothing visible changes.
    const changes = { muted_until: null, muted_indefinitely: 0 };
    const wasMuted = isMuted(member, now);
    const { group, caller } = access;
    const view = await updateGroupMember(trx, emit, group, member.user_id, changes, now, wasMuted);
    if (wasMuted) {
      await recordGroupEvent(trx, emit, {
        type: 'unmuted',
        group,
        userIds: [member.user_id],
        actorId: caller.user_id,
        now,
      });
    }
    return view;
  }, access.group.conversation_id);
}
