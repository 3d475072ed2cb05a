import type { GroupAccess } from '../groups/GroupGate.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { emitGroupUpdated, groupSeenAs, readGroupState } from './groupLifecycleViews.js';
import type { Services } from './Services.js';

/**
 * Turns mute-all on or off (operation `setGroupMuteAll`; the gate admitted an owner or admin).
 * While on, only the owner and admins may send: a plain member's send is refused with 403
 * `group.muted_all` (`loadSendContext`). When the setting changes, `updated_at` moves and
 * every member gets `group.updated`; setting the value the group already has writes and
 * announces nothing.
 * @param access the group and the caller's membership, as the `GroupGate` established them.
 * @param mutedAll the new setting.
 * @returns the group as the caller sees it.
 * @throws ApiError the gate's codes when the group or the caller's role changed before the
 *   write (see {@link lockGroupForChange}).
 */
export async function setGroupMuteAll(
  services: Services,
  access: GroupAccess,
  mutedAll: boolean,
): Promise<Schema<'Group'>> {
  return services.work(async (trx, emit) => {
    const { group, caller } = await lockGroupForChange(trx, access, 'admin');
    const value = mutedAll ? 1 : 0;
    if (group.muted_all === value) {
      return groupSeenAs(await readGroupState(trx, group), caller.role);
    }
    const updated = { ...group, muted_all: value, updated_at: nowIso() };
    await trx
      .updateTable('groups')
      .set({ muted_all: value, updated_at: updated.updated_at })
      .where('id', '=', group.id)
      .execute();
    const state = await readGroupState(trx, updated);
    emitGroupUpdated(emit, state);
    return groupSeenAs(state, caller.role);
  }, access.group.conversation_id);
}
