import { sql } from 'kysely';
import type { Database } from '../db/openDatabase.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { containsPattern, usersMatching } from './users.js';
import { toUserRef } from './userViews.js';

/** Matches per list when the request names no `limit` (the spec's default). */
const DEFAULT_LIMIT = 10;
/** Counting matches stops here (the spec's `total` maximum). */
const MAX_TOTAL = 10_000;

/**
 * Live users other than the caller whose username or nickname contains `q`
 * (case-insensitive): an exact username match first, then by username. Public fields only.
 */
async function searchUserHits(
  db: Database,
  callerId: string,
  q: string,
  limit: number,
): Promise<Schema<'UserSearchHits'>> {
  const matching = usersMatching(db, callerId, q);
  const rows = await matching.limit(limit).execute();
  const counted = await db
    .selectFrom(
      matching.clearSelect().clearOrderBy().select('users.id').limit(MAX_TOTAL).as('hits'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((row) => ({ ...toUserRef(row), is_friend: Boolean(row.is_friend) })),
    total: Number(counted.n),
  };
}

/**
 * Groups (not dismissed) whose name contains `q` (case-insensitive): an exact name match first,
 * then the biggest, then by name. Every group can be found by name; its members, messages and
 * conversation are not shown.
 */
async function searchGroupHits(
  db: Database,
  callerId: string,
  q: string,
  limit: number,
): Promise<Schema<'GroupSearchHits'>> {
  const key = q.toLowerCase();
  const pattern = containsPattern(key);
  const matching = db
    .selectFrom('groups as g')
    .where('g.dismissed_at', 'is', null)
    .where(sql<boolean>`lower(g.name) LIKE ${pattern} ESCAPE '!'`);
  const rows = await matching
    .select(['g.id', 'g.name', 'g.avatar_url', 'g.description'])
    .select((eb) =>
      eb
        .selectFrom('group_members as gm')
        .select((inner) => inner.fn.countAll().as('n'))
        .whereRef('gm.group_id', '=', 'g.id')
        .as('member_count'),
    )
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('group_members as mine')
            .select('mine.user_id')
            .whereRef('mine.group_id', '=', 'g.id')
            .where('mine.user_id', '=', callerId),
        )
        .as('is_member'),
    )
    .orderBy(sql`case when lower(g.name) = ${key} then 0 else 1 end`)
    .orderBy(sql`member_count`, 'desc')
    .orderBy('g.name')
    .orderBy('g.id')
    .limit(limit)
    .execute();
  const counted = await db
    .selectFrom(matching.select('g.id').limit(MAX_TOTAL).as('hits'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      avatar_url: row.avatar_url,
      description: row.description,
      member_count: Number(row.member_count),
      is_member: Boolean(row.is_member),
    })),
    total: Number(counted.n),
  };
}

/**
 * Users and groups matching one keyword (operation `searchAll`): each list holds the best
 * `limit` matches (default 10, at most 50) and how many matched in all (counted up to 10,000).
 * Deleted users and the caller are left out; only public fields are shown (never email or
 * phone). `q` is already checked against the spec (1 to 50 characters, not blank).
 */
export async function searchAll(
  db: Database,
  callerId: string,
  query: OperationQuery<'searchAll'>,
): Promise<Schema<'SearchResults'>> {
  const q = query.q.trim();
  const limit = query.limit ?? DEFAULT_LIMIT;
  const [users, groups] = await Promise.all([
    searchUserHits(db, callerId, q, limit),
    searchGroupHits(db, callerId, q, limit),
  ]);
  return { users, groups };
}
