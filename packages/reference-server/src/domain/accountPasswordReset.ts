import { hashPassword } from '../auth/passwords.js';
import type { OperationBody } from '../spec/operationTypes.js';
import { emailCodeInvalid, useEmailCode } from './emailCodes.js';
import type { Services } from './Services.js';
import { announceRevocations, revokeUserSessions } from './sessions.js';
import { identityKey } from './users.js';

/**
 * Sets a new password with a `reset_password` code (operation `resetPassword`). The code is
 * checked and used up, the password replaced and every session of the account revoked in one
 * transaction; the sessions' sockets close once it committed. Receiving the code proves the
 * address, so the email becomes verified. An unknown address gets the same 422 as a wrong code.
 * @throws ApiError 422 `auth.email_code_invalid`.
 */
export async function resetPassword(
  services: Services,
  body: OperationBody<'resetPassword'>,
): Promise<void> {
  const emailKey = identityKey(body.email);
  const passwordHash = await hashPassword(body.new_password);
  const revoked = await services.work(async (trx) => {
    const used = await useEmailCode(
      trx,
      services.config,
      { emailKey, purpose: 'reset_password', code: body.code },
      new Date(),
    );
    if (!used) return undefined;
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, email_verified: 1, updated_at: new Date().toISOString() })
      .where('id', '=', used.userId)
      .where('email_key', '=', emailKey)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return undefined;
    return revokeUserSessions(trx, used.userId, 'password_reset');
  }, `email:${emailKey}`);
  if (!revoked) throw emailCodeInvalid();
  await announceRevocations(services, revoked, 'password_reset');
}
