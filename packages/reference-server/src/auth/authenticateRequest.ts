import type { Context } from 'koa';
import type { Services } from '../domain/Services.js';
import { requireLiveSession } from '../domain/sessions.js';
import { ApiError } from '../http/ApiError.js';
import type { AuthContext } from './AuthContext.js';

/**
 * Verifies an access token and that its session is still live (so logout takes effect at once).
 * @throws ApiError 401 `auth.token_invalid`, `auth.token_expired` or `auth.session_revoked`.
 */
export async function authenticateToken(services: Services, token: string): Promise<AuthContext> {
  const auth = await services.accessTokens.verify(token);
  await requireLiveSession(services, auth);
  return auth;
}

/**
 * Authenticates an HTTP request by its `Authorization: Bearer` header (RFC 6750).
 * @throws ApiError 401 `auth.unauthenticated` when the header is missing or not Bearer.
 */
export async function authenticateRequest(services: Services, ctx: Context): Promise<AuthContext> {
  const header = ctx.get('Authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new ApiError(
      401,
      'auth.unauthenticated',
      'Send an access token as "Authorization: Bearer <token>".',
    );
  }
  return authenticateToken(services, match[1]!);
}
