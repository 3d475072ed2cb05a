import { verifyPassword } from '../auth/passwords.js';
import { accountDeletedError, isRestorable } from '../domain/accountDeletion.js';
import { registerUser } from '../domain/registerUser.js';
import type { Services } from '../domain/Services.js';
import { revokeSession, rotateRefreshToken, startSession } from '../domain/sessions.js';
import { findUserByLogin, identityKey } from '../domain/users.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationHandlers } from '../http/OperationHandler.js';
import { reportRefusal } from '../http/rateLimits/rateLimitHeaders.js';

/** Handlers for `register`, `login`, `refreshToken` and `logout`. */
export function authHandlers(services: Services): OperationHandlers {
  return {
    async register({ body }) {
      const user = await registerUser(services, body);
      return { status: 201, body: await startSession(services, user) };
    },
    async login({ body, ctx }) {
      // Throttled by account, whichever identifier named it (spec: login).
      const user = await findUserByLogin(services.db, body.login);
      const account = user ? `user:${user.id}` : `login:${identityKey(body.login)}`;
      const passed = await reportRefusal(ctx, () =>
        services.loginThrottle.attempt(account, ctx.ip, () =>
          verifyPassword(user?.password_hash, body.password),
        ),
      );
      if (!passed || !user || (user.deleted_at && !isRestorable(user.deleted_at))) {
        throw new ApiError(401, 'auth.invalid_credentials', 'The login or the password is wrong.');
      }
      // Only the right password learns that the account is deleted, and until when it can be restored.
      if (user.deleted_at) throw accountDeletedError(user.deleted_at);
      return { status: 200, body: await startSession(services, user) };
    },
    async refreshToken({ body }) {
      return { status: 200, body: await rotateRefreshToken(services, body.refresh_token) };
    },
    async logout({ auth }) {
      await revokeSession(services, auth.sessionId, 'logout');
      return { status: 204 };
    },
  };
}
