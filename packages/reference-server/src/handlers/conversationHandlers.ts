import {
  getConversation,
  listConversations,
  openDirectConversation,
} from '../domain/conversations.js';
import { listMessages } from '../domain/listMessages.js';
import { markRead } from '../domain/markRead.js';
import type { Services } from '../domain/Services.js';
import { sendMessage } from '../domain/sendMessage.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for conversations and their messages. */
export function conversationHandlers(services: Services): OperationHandlers {
  return {
    async listConversations({ auth, query }) {
      return { status: 200, body: await listConversations(services, auth.userId, query) };
    },
    async openDirectConversation({ auth, body }) {
      const { conversation, created } = await openDirectConversation(
        services,
        auth.userId,
        body.user_id,
      );
      return { status: created ? 201 : 200, body: conversation };
    },
    async getConversation({ auth, path }) {
      return {
        status: 200,
        body: await getConversation(services.db, auth.userId, path.conversation_id),
      };
    },
    async markConversationRead({ auth, path, body }) {
      return {
        status: 200,
        body: await markRead(services, auth.userId, path.conversation_id, body.message_id),
      };
    },
    async sendMessage({ auth, path, body }) {
      const { message, created } = await sendMessage(
        services,
        auth.userId,
        path.conversation_id,
        body,
      );
      return { status: created ? 201 : 200, body: message };
    },
    async listMessages({ auth, path, query }) {
      return {
        status: 200,
        body: await listMessages(services, auth.userId, path.conversation_id, query),
      };
    },
  };
}
