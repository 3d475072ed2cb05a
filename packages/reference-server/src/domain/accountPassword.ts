import { verifyPassword } from '../auth/passwords.js';
import { ApiError } from '../http/ApiError.js';
import type { Services } from './Services.js';

/**
 * The account's password hash, for a sensitive change of a live account.
 * @throws ApiError 404 `user.not_found` when the account is gone (deleted).
 */
async function passwordHashOf(services: Services, userId: string): Promise<string> {
  const row = await services.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'user.not_found', 'No user has this id.');
  return row.password_hash;
}

/**
 * Confirms a sensitive change (`updateCredentials`, `deleteAccount`) with the account's current
 * password. Guesses count against the login throttle of the account and address, like logins,
 * so a stolen access token does not let anyone guess the password quickly.
 * @param address the client address.
 * @param pointer the JSON pointer of the password field, for the error.
 * @throws ApiError 403 `auth.password_incorrect`; RateLimited 429 from the login throttle.
 */
export async function confirmPassword(
  services: Services,
  userId: string,
  address: string,
  password: string,
  pointer: string,
): Promise<void> {
  const hash = await passwordHashOf(services, userId);
  const passed = await services.loginThrottle.attempt(`user:${userId}`, address, () =>
    verifyPassword(hash, password),
  );
  if (!passed) {
    throw new ApiError(403, 'auth.password_incorrect', 'The current password is wrong.', {
      errors: [{ pointer, detail: 'is not the current password', keyword: 'password' }],
    });
  }
}
