import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { canonicalJson } from './canonicalJson.js';
import { nowIso } from './clock.js';
import { newId } from './ids.js';
import { checkMentions } from './mentions.js';
import { getMessage } from './messageGet.js';
import { type MessageRow, toMessage } from './messageViews.js';
import { storeMessage } from './messageWrites.js';
import { takeReplyTarget } from './replyTarget.js';
import type { Services } from './Services.js';
import { clientPart, completeContent } from './sendableContent.js';
import { loadSendContext, type SendContext } from './sendContext.js';

type Message = Schema<'Message'>;

/**
 * A retry of an earlier send returns the stored message; other reuse of the id is a conflict.
 * @throws ApiError 409 `message.client_id_conflict`.
 */
function checkRetry(
  earlier: SendContext['earlier'],
  conversationId: string,
  body: OperationBody<'sendMessage'>,
) {
  if (!earlier) return undefined;
  const sent = clientPart(JSON.parse(earlier.content) as Schema<'MessageContent'>);
  if (
    earlier.conversation_id !== conversationId ||
    canonicalJson(sent) !== canonicalJson(body.content)
  ) {
    throw new ApiError(
      409,
      'message.client_id_conflict',
      'This client_message_id was already used for a different message.',
    );
  }
  return earlier;
}

/**
 * Stores a message and, after commit, pushes `message.created` to the members (operation
 * `sendMessage`). The only writes are the message, the conversation's last-message pointer,
 * the sender's read position and one event row, whatever the number of members.
 * The content is completed by the server (see {@link completeContent}); `mentions` are checked
 * ({@link checkMentions}); a reply (`reply_to_message_id`) carries a preview of the message it
 * answers, whose `reply_count` grows ({@link takeReplyTarget}: one more indexed read); `ext` is
 * stored and returned as sent. A retry answers with the stored message as it is now. The
 * answer carries the sender's read state (`is_read` false, or `read_count` 0); the event does not. The checks (membership,
 * friendship, an earlier send with the same client id) and the writes run in one unit of work, so
 * they see the same state; the message is acknowledged only once its batch has committed.
 * @returns the message and whether it was created now (false for an idempotent retry).
 * @throws ApiError 404 `conversation.not_found`, 403 `conversation.not_friends`, 409
 *   `message.client_id_conflict`, 422 `message.reply_target_not_found`, `file.not_found`, `user.not_found`,
 *   `validation.failed` (mentions), 403 `message.mention_all_forbidden`, and the group refusals of
 *   {@link loadSendContext}.
 */
export async function sendMessage(
  services: Services,
  senderId: string,
  conversationId: string,
  body: OperationBody<'sendMessage'>,
): Promise<{ message: Message; created: boolean }> {
  return services.work(async (trx, emit) => {
    const { sender, audience, earlier, groupRole } = await loadSendContext(
      trx,
      senderId,
      conversationId,
      body.client_message_id,
    );
    const retry = checkRetry(earlier, conversationId, body);
    if (retry) return { message: await getMessage(trx, senderId, retry.id), created: false };
    const mentions = checkMentions(body.mentions, audience, groupRole);
    const content = await completeContent(trx, body.content, { senderId, conversationId });
    const reply = body.reply_to_message_id
      ? await takeReplyTarget(trx, body.reply_to_message_id, conversationId, senderId)
      : undefined;
    const row: MessageRow = {
      id: newId(),
      conversation_id: conversationId,
      sender_id: senderId,
      client_message_id: body.client_message_id,
      content: canonicalJson(content),
      created_at: nowIso(),
      mentions: mentions.json,
      mentions_all: mentions.all,
      ...reply,
      ext: body.ext ? canonicalJson(body.ext) : null,
    };
    await storeMessage(trx, row, mentions.userIds);
    const message = toMessage(row, sender);
    // Nobody else has read it yet; the event (the same for every member) leaves the fields out.
    const readState = groupRole === null ? { is_read: false } : { read_count: 0 };
    await emit({
      event: { type: 'message.created', data: message },
      conversationId,
      audience,
    });
    return { message: { ...message, ...readState }, created: true };
  }, conversationId);
}
