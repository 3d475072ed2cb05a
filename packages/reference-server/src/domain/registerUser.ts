import { hashPassword } from '../auth/passwords.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { newId } from './ids.js';
import type { Services } from './Services.js';
import { identityKey, requireNicknameFree } from './users.js';
import type { AccountRow } from './userViews.js';

/**
 * Creates an account (operation `register`). The uniqueness checks and the insert run in
 * one transaction; the unique indexes are the final word if two registrations race.
 * @throws ApiError 409 `user.username_taken`, `user.email_taken` or `user.nickname_reserved`
 *   (the nickname is another user's username; the user's own is fine).
 */
export async function registerUser(
  services: Services,
  body: OperationBody<'register'>,
): Promise<AccountRow> {
  const passwordHash = await hashPassword(body.password);
  const row = {
    id: newId(),
    username: body.username,
    username_key: identityKey(body.username),
    email: body.email ?? null,
    email_key: body.email ? identityKey(body.email) : null,
    nickname: body.nickname ?? null,
    avatar_url: null,
    password_hash: passwordHash,
    created_at: nowIso(),
    deleted_at: null,
    email_verified: 0,
    phone: null,
    bio: null,
    gender: 'undisclosed',
    updated_at: null,
    purged_at: null,
  };
  await services.work(async (trx) => {
    const clash = await trx
      .selectFrom('users')
      .select(['username_key', 'email_key'])
      .where((eb) =>
        eb.or([eb('username_key', '=', row.username_key), eb('email_key', '=', row.email_key)]),
      )
      .executeTakeFirst();
    if (clash?.username_key === row.username_key) {
      throw new ApiError(
        409,
        'user.username_taken',
        `The username ${body.username} is already taken.`,
      );
    }
    if (clash)
      throw new ApiError(409, 'user.email_taken', 'Another account already uses this email.');
    if (body.nickname && identityKey(body.nickname) !== row.username_key)
      await requireNicknameFree(trx, body.nickname);
    await trx.insertInto('users').values(row).execute();
  });
  return row;
}
