import type { ExpressionBuilder } from 'kysely';
import type { DatabaseSchema, GroupMembersTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { toGroupMember } from './groupViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { type UserRow, userColumns } from './userViews.js';

const LIST = 'group_members';

type MemberQueryBuilder = ExpressionBuilder<
  DatabaseSchema & { gm: GroupMembersTable; u: DatabaseSchema['users'] },
  'gm' | 'u'
>;

/** The list's first sort key: 0 for the owner, 1 for admins, 2 for members. */
function roleRank(eb: MemberQueryBuilder) {
  return eb
    .case()
    .when('gm.role', '=', 'owner')
    .then(0)
    .when('gm.role', '=', 'admin')
    .then(1)
    .else(2)
    .end();
}

/** A group's members with their users, each row carrying its rank. */
function memberRows(db: Database, groupId: string) {
  return db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .selectAll('gm')
    .select(userColumns.map((c) => `u.${c} as u_${c}` as const))
    .select((eb) => roleRank(eb).as('rank'))
    .where('gm.group_id', '=', groupId);
}

type MemberQueryRow = GroupMembersTable & { rank: number } & {
  [K in (typeof userColumns)[number] as `u_${K}`]: UserRow[K];
};

function viewOf(row: MemberQueryRow, now: string): Schema<'GroupMember'> {
  const user = Object.fromEntries(userColumns.map((c) => [c, row[`u_${c}`]])) as unknown as UserRow;
  return toGroupMember(row, user, now);
}

/**
 * A page of a group's members (operation `listGroupMembers`): the owner first, then admins,
 * then members, each by join time (members who joined together by user id), one query per page.
 * The caller's membership was checked by the `GroupGate`.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this group's member list.
 */
export async function listGroupMembers(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  groupId: string,
  query: OperationQuery<'listGroupMembers'>,
): Promise<Schema<'GroupMemberPage'>> {
  const limit = pageSize(query.limit);
  const scope = `${LIST}:${groupId}`;
  let select = memberRows(db, groupId);
  if (query.after) {
    const [rankKey, joinedAt, userId] = cursors.decode(scope, query.after, 'after', 3);
    const rank = Number(rankKey);
    select = select.where((eb) =>
      eb.or([
        eb(roleRank(eb), '>', rank),
        eb.and([eb(roleRank(eb), '=', rank), eb('gm.joined_at', '>', String(joinedAt))]),
        eb.and([
          eb(roleRank(eb), '=', rank),
          eb('gm.joined_at', '=', String(joinedAt)),
          eb('gm.user_id', '>', String(userId)),
        ]),
      ]),
    );
  }
  const found = (await select
    .orderBy('rank')
    .orderBy('gm.joined_at')
    .orderBy('gm.user_id')
    .limit(limit + 1)
    .execute()) as MemberQueryRow[];
  const { rows, hasMore } = takePage(found, limit);
  const now = nowIso();
  const last = rows.at(-1);
  return {
    items: rows.map((row) => viewOf(row, now)),
    has_more: hasMore,
    next_cursor:
      hasMore && last
        ? cursors.encode(scope, [Number(last.rank), last.joined_at, last.user_id])
        : null,
  };
}

/**
 * One member of a group (operation `getGroupMember`). The caller's membership was checked by
 * the `GroupGate`.
 * @throws ApiError 404 `group.member_not_found` when the user is not a member.
 */
export async function getGroupMember(
  db: Database,
  groupId: string,
  userId: string,
): Promise<Schema<'GroupMember'>> {
  const row = await memberRows(db, groupId).where('gm.user_id', '=', userId).executeTakeFirst();
  if (!row) {
    throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
  }
  return viewOf(row as MemberQueryRow, nowIso());
}
