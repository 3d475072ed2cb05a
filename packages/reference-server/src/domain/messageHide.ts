import { nowIso } from './clock.js';
import { conversationOfMessage, findAccessibleMessage } from './messageAccess.js';
import type { Services } from './Services.js';

/**
 * Deletes a message for the caller only (operation `deleteMessageForMe`): it leaves the caller's
 * lists, replies, search and realtime replays; other members keep it. The caller's devices get
 * `message.hidden` (a personal event: nobody else sees it, now or on resume). Idempotent: hiding
 * a hidden message changes nothing and announces nothing. A member who left a group may hide
 * the messages they still see.
 * @throws ApiError 404 `message.not_found`.
 */
export async function deleteMessageForMe(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
): Promise<void> {
  const conversationId = await conversationOfMessage(services.db, messageId);
  await services.work(async (trx, emit) => {
    const found = await findAccessibleMessage(trx, messageId, callerId);
    if (found.hidden) return;
    await trx
      .insertInto('message_hides')
      .values({
        user_id: callerId,
        message_id: messageId,
        conversation_id: conversationId,
        hidden_at: nowIso(),
      })
      .execute();
    emit({
      event: {
        type: 'message.hidden',
        data: { conversation_id: conversationId, message_id: messageId },
      },
      recipients: [callerId],
      audience: [callerId],
    });
  }, conversationId);
}
