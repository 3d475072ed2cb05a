import type { Middleware } from 'openapi-fetch';
import { findOperationId } from './findOperationId.js';
import type { AuthSession } from './generated/openapi.js';
import type { OperationId } from './operationTypes.js';
import type { TokenManager } from './TokenManager.js';
import { tokensFromSession } from './tokenStore.js';

/** Operations that issue tokens: they carry no bearer token, and a 401 from them is final. */
const TOKEN_OPERATIONS: ReadonlySet<OperationId | undefined> = new Set<OperationId>([
  'register',
  'login',
  'refreshToken',
  'restoreAccount',
]);

/** Operations after whose success the stored session is void: the server revoked it. */
const SESSION_ENDING_OPERATIONS: ReadonlySet<OperationId | undefined> = new Set<OperationId>([
  'logout',
  'deleteAccount',
  'resetPassword',
]);

/** What `onRequest` keeps to retry a request once: a fresh copy (bodies are single-use). */
interface PendingRequest {
  /** Null for an upload: copying its body would hold all of it in memory until the answer. */
  retry: Request | null;
  accessToken: string;
}

/**
 * Whether a request can be kept for a retry: not an upload (multipart or raw bytes), whose body
 * a copy would buffer whole. An upload refused with 401 is not retried; the token is refreshed
 * (before it expires, as for every request) so the caller's next attempt succeeds.
 */
function replayable(request: Request): boolean {
  const type = request.headers.get('Content-Type') ?? '';
  return !type.startsWith('multipart/') && !type.startsWith('application/octet-stream');
}

/**
 * openapi-fetch middleware that owns the token store:
 * - adds `Authorization: Bearer <access>` (refreshing first when it expires within 30 s), except
 *   on `register`, `login`, `refreshToken` and `restoreAccount`, or when the caller set the header;
 * - saves the session of a 2xx `register` / `login` / `refreshToken` / `restoreAccount`, clears
 *   the store after a 2xx `logout` / `deleteAccount` / `resetPassword` (the server revoked the
 *   sessions) or a 401 from `refreshToken`;
 * - on a 401 elsewhere, refreshes once (shared by concurrent 401s) and retries the request once
 *   (not an upload, whose body is never copied); when the refresh fails, the original 401 stands.
 */
export function createAuthMiddleware(tokens: TokenManager): Middleware {
  const pending = new Map<string, PendingRequest>();
  return {
    async onRequest({ request, schemaPath, id }) {
      const operationId = findOperationId(request.method, schemaPath);
      if (TOKEN_OPERATIONS.has(operationId) || request.headers.has('Authorization')) return;
      const accessToken = await currentAccessToken(tokens);
      if (!accessToken) return;
      request.headers.set('Authorization', `Bearer ${accessToken}`);
      pending.set(id, { retry: replayable(request) ? request.clone() : null, accessToken });
    },
    async onResponse({ request, response, schemaPath, id, options }) {
      const entry = pending.get(id);
      pending.delete(id);
      const operationId = findOperationId(request.method, schemaPath);
      if (response.status !== 401 || !entry || TOKEN_OPERATIONS.has(operationId)) {
        await recordSession(tokens, operationId, response);
        return undefined;
      }
      const retried = await retryWithFreshToken(tokens, entry, options.fetch);
      if (!retried) return undefined;
      await response.body?.cancel();
      await recordSession(tokens, operationId, retried);
      return retried;
    },
    onError({ id }) {
      pending.delete(id);
    },
  };
}

/** The access token to send; the stored one when a proactive refresh fails. */
async function currentAccessToken(tokens: TokenManager): Promise<string | null> {
  try {
    return await tokens.getAccessToken();
  } catch {
    return (await tokens.load())?.access_token ?? null;
  }
}

async function retryWithFreshToken(
  tokens: TokenManager,
  entry: PendingRequest,
  fetch: typeof globalThis.fetch,
): Promise<Response | undefined> {
  const fresh = await tokens.tokensAfterRejection(entry.accessToken).catch(() => null);
  if (!fresh || !entry.retry) return undefined;
  entry.retry.headers.set('Authorization', `Bearer ${fresh.access_token}`);
  return fetch(entry.retry);
}

/** Applies what an answer means for the stored session. */
async function recordSession(
  tokens: TokenManager,
  operationId: OperationId | undefined,
  response: Response,
): Promise<void> {
  if (response.ok && TOKEN_OPERATIONS.has(operationId)) {
    const session = (await response.clone().json()) as AuthSession;
    await tokens.save(tokensFromSession(session));
  } else if (response.ok && SESSION_ENDING_OPERATIONS.has(operationId)) {
    await tokens.save(null);
  } else if (response.status === 401 && operationId === 'refreshToken') {
    await tokens.save(null);
  }
}
