import { createHash } from 'node:crypto';
import { ACCOUNT_RESTORE_WINDOW_MS } from '../domain/accountDeletion.js';
import { deleteOldEmailCodes } from '../domain/emailCodes.js';
import type { Services } from '../domain/Services.js';

/** How often the purge looks for accounts past their restore window, in ms: hourly. */
export const ACCOUNT_PURGE_INTERVAL_MS = 3600 * 1000;

/** Accounts erased per statement batch. */
const PURGE_BATCH = 100;

/**
 * The name an erased account shows for history: `deleted_` and 12 hex digits of its id's hash
 * (20 characters, a valid `Username`). Its `username_key` is `deleted:<id>`, which no real
 * username can equal (`:` is not allowed), so the old name is free to register again.
 */
function erasedUsername(userId: string): string {
  return `deleted_${createHash('sha256').update(userId).digest('hex').slice(0, 12)}`;
}

/**
 * Erases the personal data of accounts deleted longer ago than the restore window: username,
 * nickname, email, phone, avatar, bio and gender are removed, the password made unusable and
 * the email codes deleted. The row stays so the messages it sent keep an (anonymous) author
 * that others see as `deleted: true`. Also deletes long-expired email codes.
 * @param now the current time.
 * @returns the number of accounts erased.
 */
export async function purgeDeletedAccounts(services: Services, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - ACCOUNT_RESTORE_WINDOW_MS).toISOString();
  let erased = 0;
  for (;;) {
    const due = await services.db
      .selectFrom('users')
      .select('id')
      .where('deleted_at', '<=', before)
      .where('purged_at', 'is', null)
      .limit(PURGE_BATCH)
      .execute();
    if (due.length === 0) break;
    await services.work(async (trx) => {
      for (const { id } of due) {
        await trx.deleteFrom('email_codes').where('user_id', '=', id).execute();
        await trx
          .updateTable('users')
          .set({
            username: erasedUsername(id),
            username_key: `deleted:${id}`,
            nickname: null,
            email: null,
            email_key: null,
            email_verified: 0,
            phone: null,
            avatar_url: null,
            bio: null,
            gender: 'undisclosed',
            password_hash: '!',
            purged_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .where('id', '=', id)
          .where('deleted_at', '<=', before)
          .where('purged_at', 'is', null)
          .execute();
      }
    });
    erased += due.length;
  }
  await deleteOldEmailCodes(services.db, now);
  return erased;
}

/**
 * Starts the periodic removal of the personal data of accounts deleted longer ago than the
 * restore window ({@link purgeDeletedAccounts}): once shortly after start, then every
 * {@link ACCOUNT_PURGE_INTERVAL_MS}. The timers are unref'd (they never keep the process alive);
 * a failed run is logged and the next one tries again.
 * @returns a function that stops the purge.
 */
export function startAccountPurge(services: Services): () => void {
  let stopped = false;
  const run = () => {
    if (stopped) return;
    purgeDeletedAccounts(services)
      .then((erased) => {
        if (erased > 0)
          services.logger.info({ erased }, 'erased accounts past their restore window');
      })
      .catch((error: unknown) => {
        if (!stopped) services.logger.error({ err: error }, 'account purge failed');
      });
  };
  const first = setTimeout(run, 5000);
  const every = setInterval(run, ACCOUNT_PURGE_INTERVAL_MS);
  first.unref();
  every.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
  };
}
