import type { GroupsTable } from '../db/DatabaseSchema.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { publishFileUrl } from './filePublication.js';
import { lockGroupForChange } from './groupLifecycleLock.js';
import { emitGroupUpdated, groupSeenAs, readGroupState } from './groupLifecycleViews.js';
import type { Services } from './Services.js';

type Changes = Partial<Pick<GroupsTable, 'name' | 'description' | 'avatar_url' | 'max_members'>>;

/** The fields of `body` whose value differs from the group's (omitted fields stay). */
function changesOf(group: GroupsTable, body: OperationBody<'updateGroup'>): Changes {
  const changes: Changes = {};
  if (body.name !== undefined && body.name !== group.name) changes.name = body.name;
  if (body.description !== undefined && body.description !== group.description) {
    changes.description = body.description;
  }
  if (body.avatar_url !== undefined && body.avatar_url !== group.avatar_url) {
    changes.avatar_url = body.avatar_url;
  }
  if (body.max_members !== undefined && body.max_members !== group.max_members) {
    changes.max_members = body.max_members;
  }
  return changes;
}

/**
 * Changes a group's name, description, avatar or `max_members` (operation `updateGroup`; the
 * gate admitted an owner or admin). Omitted fields stay and `null` clears the description or
 * avatar. When something changed, `updated_at` moves and every member gets `group.updated`;
 * a request that changes nothing writes nothing and announces nothing.
 * @param access the group and the caller's membership, as the `GroupGate` established them.
 * @param body `UpdateGroupRequest`: `max_members` from 2 to 2000.
 * @returns the group as the caller sees it.
 * @throws ApiError 422 `group.max_members_too_low` (pointer `/body/max_members`) when
 *   `max_members` is below the current member count; the gate's codes when the group or the
 *   caller's role changed before the write (see {@link lockGroupForChange}).
 */
export async function updateGroup(
  services: Services,
  access: GroupAccess,
  body: OperationBody<'updateGroup'>,
): Promise<Schema<'Group'>> {
  return services.work(async (trx, emit) => {
    const { group, caller } = await lockGroupForChange(trx, access, 'admin');
    const state = await readGroupState(trx, group);
    const changes = changesOf(group, body);
    if (changes.max_members !== undefined && changes.max_members < state.members.length) {
      throw new ApiError(
        422,
        'group.max_members_too_low',
        `The group already has ${state.members.length} members.`,
        {
          errors: [
            {
              pointer: '/body/max_members',
              detail: `below the ${state.members.length} current members`,
              keyword: 'minimum',
            },
          ],
        },
      );
    }
    if (Object.keys(changes).length === 0) return groupSeenAs(state, caller.role);
    if (typeof changes.avatar_url === 'string') {
      await publishFileUrl(trx, changes.avatar_url, caller.user_id);
    }
    const updated = { ...group, ...changes, updated_at: nowIso() };
    await trx
      .updateTable('groups')
      .set({ ...changes, updated_at: updated.updated_at })
      .where('id', '=', group.id)
      .execute();
    const after = { ...state, group: updated };
    emitGroupUpdated(emit, after);
    return groupSeenAs(after, caller.role);
  }, access.group.conversation_id);
}
