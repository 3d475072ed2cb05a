import { searchMessages } from '../domain/messageSearch.js';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for searching a conversation's messages (operation `searchMessages`). */
export function messageSearchHandlers(services: Services): OperationHandlers {
  return {
    async searchMessages({ auth, path, query }) {
      return {
        status: 200,
        body: await searchMessages(services, auth.userId, path.conversation_id, query),
      };
    },
  };
}
