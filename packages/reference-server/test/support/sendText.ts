import { newClientMessageId } from '@imkit/sdk';
import type { TestUser } from './users.js';

/**
 * Sends a text message as `user` into a conversation, with a fresh client message id.
 * @returns the message as `sendMessage` answered it.
 * @throws the SDK's error when the server refuses the message.
 */
export const sendText = (user: TestUser, conversationId: string, text: string) =>
  user.client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
  });
