import { hashPassword } from '../auth/passwords.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import type { Services } from './Services.js';
import { announceRevocations, revokeUserSessions } from './sessions.js';
import { findAccountById, identityKey } from './users.js';
import type { AccountRow } from './userViews.js';

/** Why the other sessions end after a credentials change (`sessions.revoked_reason`). */
function revocationReason(body: OperationBody<'updateCredentials'>): string {
  return body.new_password !== undefined ? 'password_changed' : 'credentials_changed';
}

/** The mail telling the old address that the account's email changed. */
function emailChangedNotice(oldEmail: string, username: string) {
  return {
    to: oldEmail,
    subject: 'Your imkit email address was changed',
    text: `The email address of the imkit account ${username} was changed and no longer is this one.\n\nIf you did not do this, reset your password and contact the operator of the server.\n`,
  };
}

/**
 * Changes the caller's password, email and/or phone (operation `updateCredentials`); the current
 * password was confirmed before. A new email starts unverified (the old address is told of the
 * change); `phone: null` removes the phone. Every other session of the account is revoked in the
 * same transaction and its sockets are closed once it committed; the caller's session stays.
 * @param auth the caller and the session that stays.
 * @returns the updated account.
 * @throws ApiError 409 `user.email_taken` or `user.phone_taken`.
 */
export async function updateCredentials(
  services: Services,
  auth: { userId: string; sessionId: string },
  body: OperationBody<'updateCredentials'>,
): Promise<AccountRow> {
  const passwordHash =
    body.new_password !== undefined ? await hashPassword(body.new_password) : undefined;
  const reason = revocationReason(body);
  const outcome = await services.work(async (trx) => {
    const before = (await findAccountById(trx, auth.userId))!;
    const changes: {
      email?: string;
      email_key?: string;
      email_verified?: number;
      phone?: string | null;
      password_hash?: string;
      updated_at: string;
    } = { updated_at: nowIso() };
    let emailChanged = false;
    if (body.email !== undefined) {
      const key = identityKey(body.email);
      const clash = await trx
        .selectFrom('users')
        .select('id')
        .where('email_key', '=', key)
        .where('id', '!=', auth.userId)
        .executeTakeFirst();
      if (clash) {
        throw new ApiError(409, 'user.email_taken', 'Another account uses this email.', {
          errors: [{ pointer: '/body/email', detail: 'is taken', keyword: 'unique' }],
        });
      }
      changes.email = body.email;
      changes.email_key = key;
      if (before.email === null || identityKey(before.email) !== key) {
        changes.email_verified = 0;
        emailChanged = true;
      }
    }
    if (body.phone !== undefined) {
      if (body.phone !== null) {
        const clash = await trx
          .selectFrom('users')
          .select('id')
          .where('phone', '=', body.phone)
          .where('id', '!=', auth.userId)
          .executeTakeFirst();
        if (clash) {
          throw new ApiError(409, 'user.phone_taken', 'Another account uses this phone number.', {
            errors: [{ pointer: '/body/phone', detail: 'is taken', keyword: 'unique' }],
          });
        }
      }
      changes.phone = body.phone;
    }
    if (passwordHash !== undefined) changes.password_hash = passwordHash;
    await trx.updateTable('users').set(changes).where('id', '=', auth.userId).execute();
    const revoked = await revokeUserSessions(trx, auth.userId, reason, auth.sessionId);
    const account = (await findAccountById(trx, auth.userId))!;
    return { account, revoked, oldEmail: emailChanged ? before.email : null };
  });
  await announceRevocations(services, outcome.revoked, reason);
  if (outcome.oldEmail) {
    const notice = emailChangedNotice(outcome.oldEmail, outcome.account.username);
    services.mailer.send(notice).catch((error: unknown) => {
      services.logger.error({ err: error, userId: auth.userId }, 'could not send a notice');
    });
  }
  return outcome.account;
}
