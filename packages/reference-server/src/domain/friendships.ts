import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';

/** True when `a` and `b` are friends. */
export async function areFriends(
  db: Database | Transaction<DatabaseSchema>,
  a: string,
  b: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('friendships')
    .select('user_id')
    .where('user_id', '=', a)
    .where('friend_id', '=', b)
    .executeTakeFirst();
  return row !== undefined;
}

/** Makes `a` and `b` friends (both directions); does nothing if they already are. */
export async function befriend(
  trx: Transaction<DatabaseSchema>,
  a: string,
  b: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('friendships')
    .values([
      { user_id: a, friend_id: b, remark: null, created_at: at },
      { user_id: b, friend_id: a, remark: null, created_at: at },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}
