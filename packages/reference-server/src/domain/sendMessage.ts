import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { canonicalJson } from './canonicalJson.js';
import { nowIso } from './clock.js';
import { areFriends } from './friendships.js';
import { newId } from './ids.js';
import { memberIds, requireMembership } from './membership.js';
import { toMessage } from './messageViews.js';
import type { Services } from './Services.js';
import { clientPart, completeContent } from './sendableContent.js';
import { refuseUnimplementedFields } from './unimplementedFields.js';
import { requireUser } from './users.js';

type Message = Schema<'Message'>;

/** Fields of `SendMessageRequest` this server does not implement yet (replies, mentions, ext). */
const UNIMPLEMENTED_FIELDS = ['reply_to_message_id', 'mentions', 'ext'] as const;

/** A retry of an earlier send returns the stored message; other reuse of the id is a conflict. */
async function findRetry(
  trx: Transaction<DatabaseSchema>,
  senderId: string,
  conversationId: string,
  body: OperationBody<'sendMessage'>,
) {
  const existing = await trx
    .selectFrom('messages')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('client_message_id', '=', body.client_message_id)
    .executeTakeFirst();
  if (!existing) return undefined;
  const sent = clientPart(JSON.parse(existing.content) as Schema<'MessageContent'>);
  if (
    existing.conversation_id !== conversationId ||
    canonicalJson(sent) !== canonicalJson(body.content)
  ) {
    throw new ApiError(
      409,
      'message.client_id_conflict',
      'This client_message_id was already used for a different message.',
    );
  }
  return existing;
}

/**
 * Stores a message and, after commit, pushes `message.created` to the members (operation
 * `sendMessage`). The only writes are the message, the conversation's last-message pointer,
 * the sender's read position and one event row, whatever the number of members.
 * The content is completed by the server (see {@link completeContent}); `reply_to_message_id`,
 * `mentions` and `ext` are refused until this server implements them.
 * @returns the message and whether it was created now (false for an idempotent retry).
 * @throws ApiError 404 `conversation.not_found`, 403 `conversation.not_friends`, 409
 *   `message.client_id_conflict`, 422 `request.field_not_implemented`, `file.not_found`, `user.not_found`.
 */
export async function sendMessage(
  services: Services,
  senderId: string,
  conversationId: string,
  body: OperationBody<'sendMessage'>,
): Promise<{ message: Message; created: boolean }> {
  refuseUnimplementedFields(body, UNIMPLEMENTED_FIELDS);
  const membership = await requireMembership(services.db, conversationId, senderId);
  const members = await memberIds(services.db, conversationId);
  const sender = await requireUser(services.db, senderId);
  const peer = members.find((id) => id !== senderId);
  if (membership.type === 'direct' && (!peer || !(await areFriends(services.db, senderId, peer)))) {
    throw new ApiError(403, 'conversation.not_friends', 'You can only message friends.');
  }
  return services.work(async (trx, emit) => {
    const retry = await findRetry(trx, senderId, conversationId, body);
    if (retry) return { message: toMessage(retry, sender), created: false };
    const content = await completeContent(trx, body.content);
    const row = {
      id: newId(),
      conversation_id: conversationId,
      sender_id: senderId,
      client_message_id: body.client_message_id,
      content: canonicalJson(content),
      created_at: nowIso(),
    };
    const { seq } = await trx
      .insertInto('messages')
      .values(row)
      .returning('seq')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('conversations')
      .set({ last_message_seq: seq, updated_at: row.created_at })
      .where('id', '=', conversationId)
      .execute();
    await trx
      .updateTable('conversation_members')
      .set({ last_read_seq: seq })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', senderId)
      .execute();
    const message = toMessage(row, sender);
    await emit({
      event: { type: 'message.created', data: message },
      conversationId,
      audience: members,
    });
    return { message, created: true };
  });
}
