import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import type { Services } from './Services.js';
import { announceRevocations, revokeUserSessions } from './sessions.js';

/**
 * How long a deleted account can be restored, in ms: 30 days (`docs/decisions.md`, "Account
 * restore"). After it the purge erases the account's personal data.
 */
export const ACCOUNT_RESTORE_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** The end of the restore window of an account deleted at `deletedAt` (RFC 3339). */
export function restoreUntil(deletedAt: string): string {
  return new Date(Date.parse(deletedAt) + ACCOUNT_RESTORE_WINDOW_MS).toISOString();
}

/** True while an account deleted at `deletedAt` can still be restored. */
export function isRestorable(deletedAt: string, now = new Date()): boolean {
  return Date.parse(deletedAt) + ACCOUNT_RESTORE_WINDOW_MS > now.getTime();
}

/**
 * The answer to a login with the right password to a deleted account that can still be
 * restored: 403 `account.deleted`, saying until when.
 */
export function accountDeletedError(deletedAt: string): ApiError {
  return new ApiError(
    403,
    'account.deleted',
    `This account was deleted; restore it with restoreAccount until ${restoreUntil(deletedAt)}.`,
  );
}

/**
 * Soft-deletes the caller's account (operation `deleteAccount`); the password was confirmed
 * before. Every session of the account is revoked in the same transaction and its sockets are
 * closed once it committed. Everything else stays (friends, groups, messages) so that
 * `restoreAccount` brings it back; others see the user as `deleted: true`.
 * @returns when it was deleted and until when it can be restored.
 * @throws ApiError 409 `group.owner_cannot_leave` while the caller owns a group.
 */
export async function deleteAccount(
  services: Services,
  userId: string,
): Promise<Schema<'AccountDeletion'>> {
  const deletedAt = new Date().toISOString();
  const revoked = await services.work(async (trx) => {
    const owned = await trx
      .selectFrom('groups')
      .select('name')
      .where('owner_id', '=', userId)
      .where('dismissed_at', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst();
    if (owned) {
      throw new ApiError(
        409,
        'group.owner_cannot_leave',
        `You own group ${owned.name}; transfer it or dismiss it first.`,
      );
    }
    await trx
      .updateTable('users')
      .set({ deleted_at: deletedAt, updated_at: deletedAt })
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .execute();
    return revokeUserSessions(trx, userId, 'account_deleted');
  });
  await announceRevocations(services, revoked, 'account_deleted');
  return { user_id: userId, deleted_at: deletedAt, restore_until: restoreUntil(deletedAt) };
}

/**
 * Undoes a deletion (operation `restoreAccount`); the password was checked before.
 * @param account the deleted account and the `deleted_at` read with its password.
 * @throws ApiError 409 `account.not_deleted`; 410 `account.restore_expired` after the window (or
 *   when the purge erased it meanwhile).
 */
export async function restoreAccount(
  services: Services,
  account: { id: string; deleted_at: string | null },
): Promise<void> {
  if (!account.deleted_at) {
    throw new ApiError(409, 'account.not_deleted', 'This account is active; log in instead.');
  }
  const expired = () =>
    new ApiError(
      410,
      'account.restore_expired',
      `The restore period ended on ${restoreUntil(account.deleted_at!)}; the account is erased.`,
    );
  if (!isRestorable(account.deleted_at)) throw expired();
  const restored = await services.work(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ deleted_at: null, updated_at: new Date().toISOString() })
      .where('id', '=', account.id)
      .where('deleted_at', '=', account.deleted_at)
      .where('purged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
  if (!restored) throw expired();
}
