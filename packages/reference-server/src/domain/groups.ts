import type { Kysely } from 'kysely';
import type { DatabaseSchema, GroupMembersTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { publishFileUrl } from './filePublication.js';
import { toGroup, toGroupMember } from './groupViews.js';
import { newId } from './ids.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { type UserRow, userColumns } from './userViews.js';

const LIST = 'groups';

/** Members a group may have unless its creator sets `max_members` (the spec's default). */
export const DEFAULT_MAX_MEMBERS = 500;

/** Groups with their owner, member count and the caller's role, as one query. */
function groupViews(db: Kysely<DatabaseSchema>, callerId: string) {
  return db
    .selectFrom('groups as g')
    .innerJoin('conversations as c', 'c.id', 'g.conversation_id')
    .innerJoin('users as owner', 'owner.id', 'g.owner_id')
    .leftJoin('group_members as me', (join) =>
      join.onRef('me.group_id', '=', 'g.id').on('me.user_id', '=', callerId),
    )
    .selectAll('g')
    .select(userColumns.map((c) => `owner.${c} as owner_${c}` as const))
    .select(['me.role as my_role', 'c.updated_at as active_at'])
    .select((eb) =>
      eb
        .selectFrom('group_members as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.group_id', '=', 'g.id')
        .as('member_count'),
    )
    .where('g.dismissed_at', 'is', null);
}

type GroupViewQueryRow = GroupsTable & {
  my_role: GroupMembersTable['role'] | null;
  member_count: number | null;
} & { [K in (typeof userColumns)[number] as `owner_${K}`]: UserRow[K] };

function viewOf(row: GroupViewQueryRow): Schema<'Group'> {
  const owner = Object.fromEntries(
    userColumns.map((c) => [c, row[`owner_${c}`]]),
  ) as unknown as UserRow;
  return toGroup({ group: row, owner, memberCount: Number(row.member_count), myRole: row.my_role });
}

/**
 * A group's public view for the caller (operation `getGroup`); `my_role` is null for outsiders.
 * @throws ApiError 404 `group.not_found` (no such group, or dismissed).
 */
export async function getGroup(db: Database, callerId: string, groupId: string) {
  const row = await groupViews(db, callerId).where('g.id', '=', groupId).executeTakeFirst();
  if (!row) throw new ApiError(404, 'group.not_found', 'No group has this id.');
  return viewOf(row as GroupViewQueryRow);
}

/**
 * The caller's groups, most recently active first, one query per page (operation `listGroups`).
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's list.
 */
export async function listGroups(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listGroups'>,
): Promise<Schema<'GroupPage'>> {
  const limit = pageSize(query.limit);
  const scope = `${LIST}:${callerId}`;
  let select = groupViews(db, callerId).where('me.user_id', '=', callerId);
  if (query.after) {
    const [at, id] = cursors.decode(scope, query.after, 'after', 2).map(String);
    select = select.where((eb) =>
      eb.or([
        eb('c.updated_at', '<', at!),
        eb.and([eb('c.updated_at', '=', at!), eb('g.id', '<', id!)]),
      ]),
    );
  }
  const found = await select
    .orderBy('c.updated_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => viewOf(row as GroupViewQueryRow)),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.active_at, last.id]) : null,
  };
}

/**
 * Refuses `member_ids` that are not the caller's friends, naming the first one.
 * @throws ApiError 422 `group.invitee_not_friend` with the pointer of the entry.
 */
async function requireFriends(db: Database, callerId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const friends = await db
    .selectFrom('friendships')
    .select('friend_id')
    .where('user_id', '=', callerId)
    .where('friend_id', 'in', [...ids])
    .execute();
  const known = new Set(friends.map((f) => f.friend_id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index === -1) return;
  throw new ApiError(422, 'group.invitee_not_friend', 'You can only add your friends.', {
    errors: [
      { pointer: `/body/member_ids/${index}`, detail: 'not your friend', keyword: 'friend' },
    ],
  });
}

/**
 * Creates a group with its conversation (operation `createGroup`): the caller is the owner,
 * `member_ids` (the caller's friends) join as members and see the whole (empty) history, and
 * every member gets `group.member_joined` for each member, the owner first.
 * @throws ApiError 422 `group.invitee_not_friend`, 422 `group.full` (more members than
 *   `max_members`).
 */
export async function createGroup(
  services: Services,
  callerId: string,
  body: OperationBody<'createGroup'>,
): Promise<Schema<'Group'>> {
  const memberIds = body.member_ids ?? [];
  const maxMembers = body.max_members ?? DEFAULT_MAX_MEMBERS;
  if (1 + memberIds.length > maxMembers) {
    throw new ApiError(422, 'group.full', `The group can have at most ${maxMembers} members.`, {
      errors: [{ pointer: '/body/member_ids', detail: 'more than max_members', keyword: 'full' }],
    });
  }
  await requireFriends(services.db, callerId, memberIds);
  const groupId = await services.work(async (trx, emit) => {
    const now = nowIso();
    const conversationId = newId();
    if (body.avatar_url) await publishFileUrl(trx, body.avatar_url, callerId);
    const id = newId();
    await trx
      .insertInto('conversations')
      .values({
        id: conversationId,
        type: 'group',
        direct_key: null,
        last_message_seq: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('groups')
      .values({
        id,
        conversation_id: conversationId,
        name: body.name,
        description: body.description ?? null,
        avatar_url: body.avatar_url ?? null,
        owner_id: callerId,
        max_members: maxMembers,
        muted_all: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const members: GroupMembersTable[] = [callerId, ...memberIds].map((user_id, i) => ({
      group_id: id,
      user_id,
      role: i === 0 ? 'owner' : 'member',
      nickname: null,
      muted_until: null,
      muted_indefinitely: 0,
      joined_at: now,
    }));
    await trx.insertInto('group_members').values(members).execute();
    await trx
      .insertInto('conversation_members')
      .values(
        members.map(({ user_id }) => ({
          conversation_id: conversationId,
          user_id,
          last_read_seq: 0,
          joined_at: now,
        })),
      )
      .execute();
    const users = await trx
      .selectFrom('users')
      .select(userColumns)
      .where(
        'id',
        'in',
        members.map((m) => m.user_id),
      )
      .execute();
    const byId = new Map(users.map((u) => [u.id, u]));
    const audience = members.map((m) => m.user_id);
    for (const member of members) {
      emit({
        event: {
          type: 'group.member_joined',
          data: toGroupMember(member, byId.get(member.user_id)!, now),
        },
        conversationId,
        audience,
      });
    }
    return id;
  });
  return getGroup(services.db, callerId, groupId);
}
