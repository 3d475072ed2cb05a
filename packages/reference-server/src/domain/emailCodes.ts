import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { resolveJwtSecret } from '../auth/jwtSecret.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import { RateLimited } from '../http/rateLimits/RateBudget.js';
import { newId } from './ids.js';

/** What an email code is for (`EmailCodePurpose`). */
export type EmailCodePurpose = 'verify_email' | 'reset_password';

/** Seconds a code stays valid (`EmailCodeSent.expires_in`). */
export const EMAIL_CODE_TTL_SECONDS = 600;
/** Seconds before another code may go to the same address (`EmailCodeSent.resend_after`). */
export const EMAIL_CODE_RESEND_SECONDS = 60;
/** Tries a code allows, right or wrong; five wrong tries void it (spec `EmailCode`). */
export const EMAIL_CODE_MAX_ATTEMPTS = 5;
/** Codes one address may be sent per day and purpose, so nobody can flood a mailbox. */
export const EMAIL_CODES_PER_ADDRESS_PER_DAY = 10;

const DAY_MS = 24 * 3600 * 1000;

const hmacKeys = new WeakMap<object, Buffer>();

/**
 * The key of the codes' HMAC, derived from the server secret (the same in every process), so a
 * database leak does not give away codes: six digits are too few for a plain hash.
 */
function hmacKey(config: ServerConfig): Buffer {
  let key = hmacKeys.get(config);
  if (!key) {
    key = createHmac('sha256', resolveJwtSecret(config)).update('imkit email codes').digest();
    hmacKeys.set(config, key);
  }
  return key;
}

/** HMAC-SHA-256 of a code, bound to the row that holds it (base64url). */
function codeHash(config: ServerConfig, codeId: string, code: string): string {
  return createHmac('sha256', hmacKey(config)).update(`${codeId}:${code}`).digest('base64url');
}

/** The answer to a wrong, expired, used or void code: 422 `auth.email_code_invalid`. */
export function emailCodeInvalid(): ApiError {
  return new ApiError(
    422,
    'auth.email_code_invalid',
    'The code is wrong, expired or already used.',
    {
      errors: [
        { pointer: '/body/code', detail: 'is wrong, expired or already used', keyword: 'code' },
      ],
    },
  );
}

/** The address and purpose a code is for. */
export interface EmailCodeTarget {
  /** `identityKey` of the address. */
  emailKey: string;
  purpose: EmailCodePurpose;
}

/**
 * Creates a new 6-digit code for an address and purpose inside a unit of work, voiding the
 * address's earlier codes for that purpose: only the newest one works. Only the code's HMAC is
 * stored. A row is written even when no account has the address (`userId` null; nobody gets
 * that code), so the per-address limits answer the same either way.
 * @param now the current time.
 * @returns the code, to mail; never to log or return over HTTP.
 * @throws RateLimited (429, policy `email_code_address`) when the address was sent a code in the
 *   last 60 s, or (`email_code_address_day`) was sent 10 in the last 24 h.
 */
export async function issueEmailCode(
  trx: Kysely<DatabaseSchema>,
  config: ServerConfig,
  target: EmailCodeTarget & { userId: string | null },
  now: Date,
): Promise<string> {
  const recent = await trx
    .selectFrom('email_codes')
    .select('created_at')
    .where('email_key', '=', target.emailKey)
    .where('purpose', '=', target.purpose)
    .where('created_at', '>', new Date(now.getTime() - DAY_MS).toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  const latest = recent[0] ? Date.parse(recent[0].created_at) : undefined;
  const resendAt = latest === undefined ? 0 : latest + EMAIL_CODE_RESEND_SECONDS * 1000;
  if (resendAt > now.getTime()) {
    throw new RateLimited({
      policy: { name: 'email_code_address', limit: 1, windowSeconds: EMAIL_CODE_RESEND_SECONDS },
      remaining: 0,
      resetSeconds: Math.max(1, Math.ceil((resendAt - now.getTime()) / 1000)),
    });
  }
  if (recent.length >= EMAIL_CODES_PER_ADDRESS_PER_DAY) {
    const oldest = Date.parse(recent[recent.length - 1]!.created_at);
    throw new RateLimited({
      policy: { name: 'email_code_address_day', limit: recent.length, windowSeconds: 24 * 3600 },
      remaining: 0,
      resetSeconds: Math.max(1, Math.ceil((oldest + DAY_MS - now.getTime()) / 1000)),
    });
  }
  await trx
    .updateTable('email_codes')
    .set({ used_at: now.toISOString() })
    .where('email_key', '=', target.emailKey)
    .where('purpose', '=', target.purpose)
    .where('used_at', 'is', null)
    .execute();
  const id = newId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await trx
    .insertInto('email_codes')
    .values({
      id,
      email_key: target.emailKey,
      purpose: target.purpose,
      user_id: target.userId,
      code_hash: codeHash(config, id, code),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + EMAIL_CODE_TTL_SECONDS * 1000).toISOString(),
      used_at: null,
    })
    .execute();
  return code;
}

/**
 * Checks a code against the newest usable code of an address and purpose, inside a unit of
 * work, and uses it up when it matches. Every try counts (the unit must commit even when the
 * code is wrong, so return rather than throw inside it); after {@link EMAIL_CODE_MAX_ATTEMPTS}
 * tries the code is void. The comparison is constant-time.
 * @param now the current time.
 * @returns the account the code was issued for when the code is right, unexpired, unused and
 *   not void; `undefined` otherwise (wrong, expired, used, void, or no account had the address).
 */
export async function useEmailCode(
  trx: Kysely<DatabaseSchema>,
  config: ServerConfig,
  target: EmailCodeTarget & { code: string },
  now: Date,
): Promise<{ userId: string } | undefined> {
  const row = await trx
    .selectFrom('email_codes')
    .select(['id', 'user_id', 'code_hash', 'expires_at'])
    .where('email_key', '=', target.emailKey)
    .where('purpose', '=', target.purpose)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return undefined;
  const counted = await trx
    .updateTable('email_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', row.id)
    .where('attempts', '<', EMAIL_CODE_MAX_ATTEMPTS)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) === 0) return undefined;
  const presented = Buffer.from(codeHash(config, row.id, target.code));
  const stored = Buffer.from(row.code_hash);
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return undefined;
  const used = await trx
    .updateTable('email_codes')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0 || row.user_id === null) return undefined;
  return { userId: row.user_id };
}

/**
 * Deletes codes that expired more than a day ago (the per-address daily limit no longer needs
 * them). Called by the account purge sweep.
 * @returns the number of codes deleted.
 */
export async function deleteOldEmailCodes(db: Kysely<DatabaseSchema>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('email_codes')
    .where('expires_at', '<', new Date(now.getTime() - DAY_MS).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
