import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { memberIds, requireMembership } from './membership.js';
import type { Services } from './Services.js';

/**
 * Moves the caller's read position forward to a message and pushes `message.read` to the
 * members (operation `markConversationRead`). An older message changes nothing.
 * @returns the caller's read position after the call.
 * @throws ApiError 404 `conversation.not_found` or `message.not_found`.
 */
export async function markRead(
  services: Services,
  callerId: string,
  conversationId: string,
  messageId: string,
): Promise<Schema<'ReadReceipt'>> {
  await requireMembership(services.db, conversationId, callerId);
  const target = await services.db
    .selectFrom('messages')
    .select(['seq', 'id'])
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  if (!target)
    throw new ApiError(404, 'message.not_found', 'No such message in this conversation.');
  const members = await memberIds(services.db, conversationId);
  return services.work(async (trx, emit) => {
    const { last_read_seq: current } = await trx
      .selectFrom('conversation_members')
      .select('last_read_seq')
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', callerId)
      .executeTakeFirstOrThrow();
    const receipt = {
      conversation_id: conversationId,
      user_id: callerId,
      last_read_message_id: target.id,
      read_at: nowIso(),
    };
    if (target.seq <= current) {
      // Read positions never move back: answer with the position the caller already has.
      const already = await trx
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .where('seq', '=', current)
        .executeTakeFirstOrThrow();
      return { ...receipt, last_read_message_id: already.id };
    }
    await trx
      .updateTable('conversation_members')
      .set({ last_read_seq: target.seq })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', callerId)
      .execute();
    await emit({
      event: { type: 'message.read', data: receipt },
      conversationId,
      audience: members,
    });
    return receipt;
  }, conversationId);
}
