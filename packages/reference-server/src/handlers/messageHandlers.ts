import { deleteMessageForEveryone } from '../domain/messageDeletion.js';
import { editMessage } from '../domain/messageEdit.js';
import { getMessage } from '../domain/messageGet.js';
import { deleteMessageForMe } from '../domain/messageHide.js';
import { recallMessage } from '../domain/messageRecall.js';
import { addReaction, removeReaction } from '../domain/reactions.js';
import { getMessageReceipts } from '../domain/receipts.js';
import { listMessageReplies } from '../domain/replyList.js';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for one message and its changes: get, edit, delete for me, recall, delete for everyone, replies, receipts and reactions. */
export function messageHandlers(services: Services): OperationHandlers {
  return {
    async getMessage({ auth, path }) {
      return { status: 200, body: await getMessage(services.db, auth.userId, path.message_id) };
    },
    async editMessage({ auth, path, body }) {
      return {
        status: 200,
        body: await editMessage(services, auth.userId, path.message_id, body),
      };
    },
    async deleteMessageForMe({ auth, path }) {
      await deleteMessageForMe(services, auth.userId, path.message_id);
      return { status: 204 };
    },
    async recallMessage({ auth, path }) {
      return { status: 200, body: await recallMessage(services, auth.userId, path.message_id) };
    },
    async deleteMessageForEveryone({ auth, path }) {
      return {
        status: 200,
        body: await deleteMessageForEveryone(services, auth.userId, path.message_id),
      };
    },
    async listMessageReplies({ auth, path, query }) {
      return {
        status: 200,
        body: await listMessageReplies(services, auth.userId, path.message_id, query),
      };
    },
    async getMessageReceipts({ auth, path }) {
      return {
        status: 200,
        body: await getMessageReceipts(services.db, auth.userId, path.message_id),
      };
    },
    async addReaction({ auth, path }) {
      return {
        status: 200,
        body: await addReaction(services, auth.userId, path.message_id, path.emoji),
      };
    },
    async removeReaction({ auth, path }) {
      return {
        status: 200,
        body: await removeReaction(services, auth.userId, path.message_id, path.emoji),
      };
    },
  };
}
