import {
  type Conversation,
  type ImkitClient,
  type Message,
  newClientMessageId,
  type SendableMessageContent,
} from '@imkit/sdk';
import { attachmentContent } from '../attachments.js';
import { mentionsIn } from '../mentions.js';
import type { ChatInput, MessageReference } from './chatInput.js';
import type { ChatPrinter } from './chatPrinter.js';

/** What a chat command needs. */
export interface ChatCommandContext {
  client: ImkitClient;
  conversation: Conversation;
  printer: ChatPrinter;
  /** My user id and username: the reaction I add is printed as mine. */
  myUserId: string;
  myUsername: string;
}

/** The input kinds that act on the conversation (a text, a file, or a command about a message). */
export type ChatAction = Extract<
  ChatInput,
  { kind: 'send' | 'reply' | 'edit' | 'react' | 'recall' | 'file' }
>;

/** A reference to a message not shown in this chat: a clear error, nothing sent. */
export class UnknownMessageError extends Error {
  constructor(reference: MessageReference) {
    super(
      `there is no message #${'number' in reference ? reference.number : reference.id} in this chat (the number shown before a message, or its id)`,
    );
  }
}

/**
 * Carries out one chat action through the API and prints its result: a sent message or reply
 * (`sendMessage`, with the `@member` mentions it types in a group), an edit (`editMessage`),
 * a reaction (`addReaction`), a recall (`recallMessage`) or a file (`uploadFile`, then
 * `sendMessage`). Each result prints once, whether it arrives as the answer or over realtime.
 * @throws the API's error (an `ImkitError`), an {@link UnknownMessageError}, or the file's error.
 */
export async function runChatAction(
  context: ChatCommandContext,
  action: ChatAction,
): Promise<void> {
  const { client, printer } = context;
  switch (action.kind) {
    case 'send':
      printer.show(await send(context, { type: 'text', text: action.text }));
      return;
    case 'reply': {
      const parent = target(printer, action.to);
      printer.show(await send(context, { type: 'text', text: action.text }, parent));
      return;
    }
    case 'file': {
      const content = await attachmentContent(client, action.path);
      printer.show(await send(context, content));
      return;
    }
    case 'edit': {
      const message_id = target(printer, action.message);
      const edited = await client.editMessage({
        path: { message_id },
        body: { content: { type: 'text', text: action.text } },
      });
      printer.change(edited, 'edited');
      return;
    }
    case 'recall': {
      const message_id = target(printer, action.message);
      printer.change(await client.recallMessage({ path: { message_id } }), 'recalled');
      return;
    }
    case 'react': {
      const message_id = target(printer, action.message);
      const { reactions } = await client.addReaction({
        path: { message_id, emoji: action.emoji },
      });
      const count = reactions.find((r) => r.emoji === action.emoji)?.count ?? 1;
      const user = {
        id: context.myUserId,
        username: context.myUsername,
        nickname: null,
        avatar_url: null,
        deleted: false,
      };
      const conversation_id = context.conversation.id;
      printer.reaction({ conversation_id, message_id, user, emoji: action.emoji, count }, true);
      return;
    }
  }
}

/** The id of the message `reference` names. */
function target(printer: ChatPrinter, reference: MessageReference): string {
  const found = printer.find(reference);
  if (!found) throw new UnknownMessageError(reference);
  return found.id;
}

/** Sends `content` (a reply to `replyTo` when given), with the mentions a group text types. */
async function send(
  { client, conversation }: ChatCommandContext,
  content: SendableMessageContent,
  replyTo?: string,
): Promise<Message> {
  const mentions =
    content.type === 'text' ? await mentionsIn(client, conversation, content.text) : undefined;
  return client.sendMessage({
    path: { conversation_id: conversation.id },
    body: {
      client_message_id: newClientMessageId(),
      content,
      ...(replyTo ? { reply_to_message_id: replyTo } : {}),
      ...(mentions ? { mentions } : {}),
    },
  });
}
