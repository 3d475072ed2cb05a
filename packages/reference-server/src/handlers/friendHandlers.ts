import { answerFriendRequest, sendFriendRequest } from '../domain/friendRequests.js';
import { listFriendRequests } from '../domain/listFriendRequests.js';
import { listFriends } from '../domain/listFriends.js';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for friend requests and the friend list. */
export function friendHandlers(services: Services): OperationHandlers {
  return {
    async sendFriendRequest({ auth, body }) {
      const request = await sendFriendRequest(
        services,
        auth.userId,
        body.user_id,
        body.message ?? null,
      );
      return { status: 201, body: request };
    },
    async listFriendRequests({ auth, query }) {
      return { status: 200, body: await listFriendRequests(services, auth.userId, query) };
    },
    async acceptFriendRequest({ auth, path }) {
      const request = await answerFriendRequest(
        services,
        auth.userId,
        path.request_id,
        'accepted',
        null,
      );
      return { status: 200, body: request };
    },
    async rejectFriendRequest({ auth, path, body }) {
      const reason = body?.reason ?? null;
      const request = await answerFriendRequest(
        services,
        auth.userId,
        path.request_id,
        'rejected',
        reason,
      );
      return { status: 200, body: request };
    },
    async listFriends({ auth, query }) {
      return {
        status: 200,
        body: await listFriends(services, auth.userId, query),
      };
    },
  };
}
