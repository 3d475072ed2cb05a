import type { AuthContext } from '../auth/AuthContext.js';
import { verifyPassword } from '../auth/passwords.js';
import { updateCredentials } from '../domain/accountCredentials.js';
import { deleteAccount, restoreAccount } from '../domain/accountDeletion.js';
import { verifyEmail } from '../domain/accountEmailVerification.js';
import { confirmPassword } from '../domain/accountPassword.js';
import { resetPassword } from '../domain/accountPasswordReset.js';
import { updateProfile } from '../domain/accountProfile.js';
import { requestEmailCode } from '../domain/emailCodeRequests.js';
import type { Services } from '../domain/Services.js';
import { startSession } from '../domain/sessions.js';
import { findAccountById, findUserByLogin, identityKey } from '../domain/users.js';
import { toUser } from '../domain/userViews.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationHandlers } from '../http/OperationHandler.js';
import { reportRefusal } from '../http/rateLimits/rateLimitHeaders.js';

/**
 * Handlers for the caller's account: `updateMe`, `updateCredentials`, `sendEmailCode`,
 * `verifyEmail`, `resetPassword`, `deleteAccount` and `restoreAccount`.
 */
export function accountHandlers(services: Services): OperationHandlers {
  return {
    async updateMe({ auth, body }) {
      return { status: 200, body: toUser(await updateProfile(services, auth.userId, body)) };
    },
    async updateCredentials({ auth, body, ctx }) {
      await reportRefusal(ctx, () =>
        confirmPassword(
          services,
          auth.userId,
          ctx.ip,
          body.current_password,
          '/body/current_password',
        ),
      );
      return { status: 200, body: toUser(await updateCredentials(services, auth, body)) };
    },
    async sendEmailCode({ auth, body, ctx }) {
      // Security is optional here: `auth` is undefined when no token was sent.
      const caller = auth as AuthContext | undefined;
      const sent = await reportRefusal(ctx, () => requestEmailCode(services, caller, body));
      return { status: 202, body: sent };
    },
    async verifyEmail({ auth, body }) {
      return { status: 200, body: toUser(await verifyEmail(services, auth.userId, body)) };
    },
    async resetPassword({ body }) {
      await resetPassword(services, body);
      return { status: 204 };
    },
    async deleteAccount({ auth, body, ctx }) {
      await reportRefusal(ctx, () =>
        confirmPassword(services, auth.userId, ctx.ip, body.password, '/body/password'),
      );
      return { status: 200, body: await deleteAccount(services, auth.userId) };
    },
    async restoreAccount({ body, ctx }) {
      // Throttled like a login: a restore also tells whether a password is right.
      const user = await findUserByLogin(services.db, body.login);
      const account = user ? `user:${user.id}` : `login:${identityKey(body.login)}`;
      const passed = await reportRefusal(ctx, () =>
        services.loginThrottle.attempt(account, ctx.ip, () =>
          verifyPassword(user?.password_hash, body.password),
        ),
      );
      if (!passed || !user) {
        throw new ApiError(401, 'auth.invalid_credentials', 'The login or the password is wrong.');
      }
      await restoreAccount(services, user);
      const restored = (await findAccountById(services.db, user.id))!;
      return { status: 200, body: await startSession(services, restored) };
    },
  };
}
