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
  const membership = await requireMembership(services.db, conversationId, callerId);
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
    const readAt = nowIso();
    const advanced = await trx
      .updateTable('conversation_members')
      .set({ last_read_seq: target.seq })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', callerId)
      .where('last_read_seq', '<', target.seq)
      .executeTakeFirst();
    if (Number(advanced.numUpdatedRows) === 0) {
      const current = await trx
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .where('seq', '<=', Math.max(membership.last_read_seq, target.seq))
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      return {
        conversation_id: conversationId,
        user_id: callerId,
        last_read_message_id: current.id,
        read_at: readAt,
      };
    }
    const receipt = {
      conversation_id: conversationId,
      user_id: callerId,
      last_read_message_id: target.id,
      read_at: readAt,
    };
    await emit({
      event: { type: 'message.read', data: receipt },
      conversationId,
      audience: members,
    });
    return receipt;
  });
}
