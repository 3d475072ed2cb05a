import type { Kysely } from 'kysely';
import type { AuthContext } from '../auth/AuthContext.js';
import { hashRefreshToken, newRefreshToken } from '../auth/refreshTokens.js';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { newId } from './ids.js';
import type { Services } from './Services.js';
import { findAccountById } from './users.js';
import { type AccountRow, toUser } from './userViews.js';

type AuthSession = Schema<'AuthSession'>;

async function issueTokens(
  services: Services,
  sessionId: string,
  user: AccountRow,
  refreshToken: string,
): Promise<AuthSession> {
  return {
    token_type: 'Bearer',
    access_token: await services.accessTokens.sign({ userId: user.id, sessionId }),
    expires_in: services.accessTokens.ttlSeconds,
    refresh_token: refreshToken,
    refresh_expires_in: services.config.refreshTokenTtlSeconds,
    user: toUser(user),
  };
}

/** Starts a session for `user` (login or registration) and returns its first token pair. */
export async function startSession(services: Services, user: AccountRow): Promise<AuthSession> {
  const sessionId = newId();
  const refreshToken = newRefreshToken();
  const now = new Date();
  const expires = new Date(now.getTime() + services.config.refreshTokenTtlSeconds * 1000);
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: expires.toISOString(),
        revoked_at: null,
        revoked_reason: null,
      })
      .execute();
    await trx
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashRefreshToken(refreshToken),
        session_id: sessionId,
        created_at: nowIso(),
        used_at: null,
      })
      .execute();
  });
  return issueTokens(services, sessionId, user, refreshToken);
}

const invalidRefresh = () =>
  new ApiError(
    401,
    'auth.refresh_token_invalid',
    'The refresh token is invalid, expired or revoked.',
  );

/**
 * Rotates a refresh token (RFC 9700 §4.14.2): the presented token is spent and a new one
 * is issued in the same session. A token presented twice means it leaked: the session is
 * revoked (its realtime sockets are closed through `services.revocations`) and
 * `auth.refresh_token_reused` is thrown.
 * @throws ApiError 401 `auth.refresh_token_invalid` or `auth.refresh_token_reused`.
 */
export async function rotateRefreshToken(
  services: Services,
  presented: string,
): Promise<AuthSession> {
  const next = newRefreshToken();
  const outcome = await services.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
      .select([
        'refresh_tokens.used_at',
        'sessions.id as session_id',
        'sessions.user_id',
        'sessions.revoked_at',
        'sessions.expires_at',
      ])
      .where('token_hash', '=', hashRefreshToken(presented))
      .executeTakeFirst();
    if (!row || row.revoked_at || row.expires_at < nowIso()) return { kind: 'invalid' as const };
    if (row.used_at) {
      await trx
        .updateTable('sessions')
        .set({ revoked_at: nowIso(), revoked_reason: 'refresh_token_reused' })
        .where('id', '=', row.session_id)
        .execute();
      return { kind: 'reused' as const, sessionId: row.session_id };
    }
    await trx
      .updateTable('refresh_tokens')
      .set({ used_at: nowIso() })
      .where('token_hash', '=', hashRefreshToken(presented))
      .execute();
    await trx
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashRefreshToken(next),
        session_id: row.session_id,
        created_at: nowIso(),
        used_at: null,
      })
      .execute();
    return { kind: 'rotated' as const, sessionId: row.session_id, userId: row.user_id };
  });
  if (outcome.kind === 'reused') {
    await services.revocations.publish({
      sessionId: outcome.sessionId,
      reason: 'refresh_token_reused',
    });
    throw new ApiError(
      401,
      'auth.refresh_token_reused',
      'This refresh token was already used; the session has been revoked. Log in again.',
    );
  }
  if (outcome.kind === 'invalid') throw invalidRefresh();
  const user = await findAccountById(services.db, outcome.userId);
  if (!user || user.deleted_at) throw invalidRefresh();
  return issueTokens(services, outcome.sessionId, user, next);
}

/**
 * Revokes a session (logout, and later a password change); its access and refresh tokens stop
 * working at once, and after the commit `services.revocations` closes its realtime sockets.
 */
export async function revokeSession(
  services: Services,
  sessionId: string,
  reason: string,
): Promise<void> {
  await services.db
    .updateTable('sessions')
    .set({ revoked_at: nowIso(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
  await services.revocations.publish({ sessionId, reason });
}

/**
 * Revokes every live session of a user inside a unit of work, but `keepSessionId` (the caller's
 * own, after a credentials change). Publish the returned ids with {@link announceRevocations}
 * once the unit committed, so no socket closes for a change that was rolled back.
 * @returns the ids of the sessions revoked.
 */
export async function revokeUserSessions(
  trx: Kysely<DatabaseSchema>,
  userId: string,
  reason: string,
  keepSessionId?: string,
): Promise<string[]> {
  let query = trx
    .updateTable('sessions')
    .set({ revoked_at: nowIso(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  const revoked = await query.returning('id').execute();
  return revoked.map((row) => row.id);
}

/**
 * Announces committed revocations to every server process (`services.revocations`), which
 * close the sessions' realtime sockets (close code 4403).
 */
export async function announceRevocations(
  services: Services,
  sessionIds: readonly string[],
  reason: string,
): Promise<void> {
  await Promise.all(
    sessionIds.map((sessionId) => services.revocations.publish({ sessionId, reason })),
  );
}

/** The session lookup of every authenticated request: by primary key, compiled once. */
const liveSessionQuery = new ReusableQuery((db: Kysely<DatabaseSchema>, p: { sessionId: string }) =>
  db.selectFrom('sessions').select(['revoked_at', 'user_id']).where('id', '=', p.sessionId),
);

/**
 * Verifies that the session behind an access token is still live (read on every request, so a
 * logout or revocation takes effect at once).
 * @throws ApiError 401 `auth.session_revoked`.
 */
export async function requireLiveSession(services: Services, auth: AuthContext): Promise<void> {
  const session = await liveSessionQuery.first(services.db, { sessionId: auth.sessionId });
  if (!session || session.revoked_at || session.user_id !== auth.userId) {
    throw new ApiError(
      401,
      'auth.session_revoked',
      'This session was logged out or revoked; log in again.',
    );
  }
}

/** True while the session behind `auth` is live (not revoked, same user). */
export async function isSessionLive(services: Services, auth: AuthContext): Promise<boolean> {
  try {
    await requireLiveSession(services, auth);
    return true;
  } catch {
    return false;
  }
}
