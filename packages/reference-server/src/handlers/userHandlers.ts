import { pageSize, takePage } from '../domain/pages.js';
import type { Services } from '../domain/Services.js';
import { requireAccount, searchUsers } from '../domain/users.js';
import { toUser, toUserRef } from '../domain/userViews.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for `getMe` and `searchUsers`. */
export function userHandlers(services: Services): OperationHandlers {
  return {
    async getMe({ auth }) {
      return { status: 200, body: toUser(await requireAccount(services.db, auth.userId)) };
    },
    async searchUsers({ auth, query }) {
      const limit = pageSize(query.limit);
      const scope = `users:${auth.userId}:${query.q}`;
      const after = query.after && services.cursors.decode(scope, query.after, 'after', 1);
      const offset = after ? Number(after[0]) : 0;
      const found = await searchUsers(services.db, auth.userId, query.q, offset, limit + 1);
      const { rows, hasMore } = takePage(found, limit);
      return {
        status: 200,
        body: {
          items: rows.map((row) => ({ ...toUserRef(row), is_friend: Boolean(row.is_friend) })),
          has_more: hasMore,
          next_cursor: hasMore ? services.cursors.encode(scope, [offset + limit]) : null,
        },
      };
    },
  };
}
