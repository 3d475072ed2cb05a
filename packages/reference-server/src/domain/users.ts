import { sql } from 'kysely';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import { type AccountRow, accountColumns, type UserRow, userColumns } from './userViews.js';

/** Usernames and emails are unique case-insensitively; this is the comparison key. */
export function identityKey(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

/**
 * Refuses a nickname that is another user's username (compared like usernames: NFKC,
 * case-insensitive), so a display name cannot pass for another account. Your own username is fine.
 * @param ownUserId the user who takes the nickname (undefined while registering).
 * @throws ApiError 409 `user.nickname_reserved`.
 */
export async function requireNicknameFree(
  db: Database,
  nickname: string,
  ownUserId?: string,
): Promise<void> {
  let query = db.selectFrom('users').select('id').where('username_key', '=', identityKey(nickname));
  if (ownUserId) query = query.where('id', '!=', ownUserId);
  if (await query.executeTakeFirst()) {
    const detail = "This nickname is another user's username.";
    throw new ApiError(409, 'user.nickname_reserved', detail, {
      errors: [
        { pointer: '/body/nickname', detail: "is another user's username", keyword: 'reserved' },
      ],
    });
  }
}

/** Finds a user by id, including deleted ones. */
export function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * Finds a live user by id.
 * @throws ApiError 404 `user.not_found` when there is none (or it is deleted).
 */
export async function requireUser(db: Database, id: string): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user || user.deleted_at) throw new ApiError(404, 'user.not_found', 'No user has this id.');
  return user;
}

/** Finds an account (the caller's own view), including deleted ones. */
export function findAccountById(db: Database, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('users').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * Finds the caller's own live account.
 * @throws ApiError 404 `user.not_found` when there is none (or it is deleted).
 */
export async function requireAccount(db: Database, id: string): Promise<AccountRow> {
  const user = await findAccountById(db, id);
  if (!user || user.deleted_at) throw new ApiError(404, 'user.not_found', 'No user has this id.');
  return user;
}

/** An account with its password hash, as a login or a restore checks it. */
export type AccountWithPassword = AccountRow & { password_hash: string };

/**
 * Finds an account and its password hash by username or email (case-insensitive), deleted or not
 * (the caller tells a deleted account apart by `deleted_at`). A purged account has neither its
 * username nor its email any more, so it is never found.
 */
export function findUserByLogin(
  db: Database,
  login: string,
): Promise<AccountWithPassword | undefined> {
  const key = identityKey(login);
  return db
    .selectFrom('users')
    .select([...accountColumns, 'password_hash'])
    .where((eb) => eb.or([eb('username_key', '=', key), eb('email_key', '=', key)]))
    .executeTakeFirst();
}

/**
 * A LIKE pattern for "contains `text`": LIKE's wildcards (and `!`, the escape character, to be
 * used with `ESCAPE '!'`) match literally.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Live users other than the caller whose username or nickname contains `q` (case-insensitive),
 * each with its public columns and whether they are the caller's friend (`is_friend`, 0/1), an
 * exact username match first, then by username: the query of `searchUsers` and `searchAll`
 * (which page and count it). A deleted account is never found.
 */
export function usersMatching(db: Database, callerId: string, q: string) {
  const key = identityKey(q);
  const pattern = containsPattern(key);
  return db
    .selectFrom('users')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('friendships')
            .select('friendships.user_id')
            .whereRef('friendships.friend_id', '=', 'users.id')
            .where('friendships.user_id', '=', callerId),
        )
        .as('is_friend'),
    )
    .where('users.id', '!=', callerId)
    .where('users.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        sql<boolean>`users.username_key LIKE ${pattern} ESCAPE '!'`,
        sql<boolean>`lower(coalesce(users.nickname, '')) LIKE ${pattern} ESCAPE '!'`,
      ]),
    )
    .orderBy(sql`case when users.username_key = ${key} then 0 else 1 end`)
    .orderBy('users.username_key')
    .orderBy('users.id');
}

/**
 * Users whose username or nickname contains `q` (see {@link usersMatching}), from `offset`, at
 * most `limit` (operation `searchUsers`).
 */
export function searchUsers(
  db: Database,
  callerId: string,
  q: string,
  offset: number,
  limit: number,
): Promise<(UserRow & { is_friend: number })[]> {
  return usersMatching(db, callerId, q).offset(offset).limit(limit).execute() as Promise<
    (UserRow & { is_friend: number })[]
  >;
}
