import type { Schema } from '../spec/operationTypes.js';
import { emailCodeInvalid, useEmailCode } from './emailCodes.js';
import type { Services } from './Services.js';
import { findAccountById, requireAccount } from './users.js';
import type { AccountRow } from './userViews.js';

/**
 * Marks the caller's email verified with a `verify_email` code sent to it (operation
 * `verifyEmail`). The code must be for the account's current email: a code sent before an email
 * change does not verify the new address.
 * @returns the account, now with `email_verified` 1.
 * @throws ApiError 422 `auth.email_code_invalid` (also when the account has no email).
 */
export async function verifyEmail(
  services: Services,
  userId: string,
  body: Schema<'VerifyEmailRequest'>,
): Promise<AccountRow> {
  const account = await requireAccount(services.db, userId);
  const emailKey = await services.db
    .selectFrom('users')
    .select('email_key')
    .where('id', '=', account.id)
    .executeTakeFirst();
  const key = emailKey?.email_key;
  if (!key) throw emailCodeInvalid();
  const verified = await services.work(async (trx) => {
    const used = await useEmailCode(
      trx,
      services.config,
      { emailKey: key, purpose: 'verify_email', code: body.code },
      new Date(),
    );
    if (used?.userId !== userId) return undefined;
    const updated = await trx
      .updateTable('users')
      .set({ email_verified: 1, updated_at: new Date().toISOString() })
      .where('id', '=', userId)
      .where('email_key', '=', key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return undefined;
    return findAccountById(trx, userId);
  }, `email:${key}`);
  if (!verified) throw emailCodeInvalid();
  return verified;
}
