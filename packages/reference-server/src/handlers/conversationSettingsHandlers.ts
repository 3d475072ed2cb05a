import {
  clearConversationHistory,
  getConversationSettings,
  hideConversation,
  updateConversationSettings,
} from '../domain/conversationSettings.js';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for a caller's settings of a conversation: pin, mute, mark unread, hide and clear history. */
export function conversationSettingsHandlers(services: Services): OperationHandlers {
  return {
    async getConversationSettings({ auth, path }) {
      return {
        status: 200,
        body: await getConversationSettings(services.db, auth.userId, path.conversation_id),
      };
    },
    async updateConversationSettings({ auth, path, body }) {
      return {
        status: 200,
        body: await updateConversationSettings(services, auth.userId, path.conversation_id, body),
      };
    },
    async hideConversation({ auth, path }) {
      await hideConversation(services, auth.userId, path.conversation_id);
      return { status: 204 };
    },
    async clearConversationHistory({ auth, path }) {
      await clearConversationHistory(services, auth.userId, path.conversation_id);
      return { status: 204 };
    },
  };
}
