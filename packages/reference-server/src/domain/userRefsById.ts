import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { toUserRef, userColumns } from './userViews.js';

/**
 * Loads the users with the given ids in one query and returns their public faces (`UserRef`)
 * by id; duplicate ids are looked up once and ids with no user are absent from the map.
 * @param db the database, or the running unit of work's transaction.
 * @param ids user ids, in any order, duplicates allowed; an empty list makes no query.
 */
export async function userRefsById(
  db: Database,
  ids: Iterable<string>,
): Promise<Map<string, Schema<'UserRef'>>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await db
    .selectFrom('users')
    .select(userColumns)
    .where('id', 'in', unique)
    .execute();
  return new Map(users.map((user) => [user.id, toUserRef(user)]));
}
