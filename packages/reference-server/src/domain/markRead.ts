import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { announceToCaller } from './conversationSettings.js';
import { memberIds, requireMembership } from './membership.js';
import type { Services } from './Services.js';

/**
 * Moves the caller's read position forward to a message and pushes `message.read` to the
 * members (operation `markConversationRead`). An older message leaves the read position as it
 * is. Either way the caller's "marked unread" flag is cleared (their devices get
 * `conversation.updated`).
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
    const { last_read_seq: current, marked_unread } = await trx
      .selectFrom('conversation_members')
      .select(['last_read_seq', 'marked_unread'])
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', callerId)
      .executeTakeFirstOrThrow();
    const receipt = {
      conversation_id: conversationId,
      user_id: callerId,
      last_read_message_id: target.id,
      read_at: nowIso(),
    };
    // Reading the conversation takes away the caller's own "unread" mark, on every device.
    const unmark = async () => {
      if (marked_unread !== 1) return;
      await trx
        .updateTable('conversation_members')
        .set({ marked_unread: 0, settings_updated_at: receipt.read_at })
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', callerId)
        .execute();
      await announceToCaller(trx, emit, callerId, conversationId);
    };
    if (target.seq <= current) {
      // Read positions never move back: answer with the position the caller already has.
      const already = await trx
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .where('seq', '=', current)
        .executeTakeFirstOrThrow();
      await unmark();
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
    await unmark();
    return receipt;
  }, conversationId);
}
