import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { conversationOfMessage, findActionableMessage } from './messageAccess.js';
import { writeTombstone } from './messageTombstone.js';
import { isTombstone } from './messageViews.js';
import type { Services } from './Services.js';

/** How long after sending the sender may recall a message: 2 minutes, in milliseconds. */
export const RECALL_WINDOW_MS = 2 * 60 * 1000;

/**
 * Recalls (unsends) the caller's message within 2 minutes of sending (operation
 * `recallMessage`): every member sees a tombstone of reason `recalled` and gets
 * `message.recalled` (see {@link writeTombstone}).
 * @returns the tombstone.
 * @throws ApiError 404 `message.not_found`, 403 `message.not_sender`, 409 `message.not_editable`
 *   (already a tombstone), 409 `message.recall_window_passed`.
 */
export async function recallMessage(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
): Promise<Schema<'Message'>> {
  const conversationId = await conversationOfMessage(services.db, messageId);
  return services.work(async (trx, emit) => {
    const found = await findActionableMessage(trx, messageId, callerId);
    if (found.row.sender_id !== callerId) {
      throw new ApiError(403, 'message.not_sender', 'Only the sender may recall a message.');
    }
    if (isTombstone(found.row)) {
      throw new ApiError(409, 'message.not_editable', 'This message was already removed.');
    }
    if (Date.now() - Date.parse(found.row.created_at) > RECALL_WINDOW_MS) {
      throw new ApiError(
        409,
        'message.recall_window_passed',
        'Messages can be recalled within 2 minutes of sending.',
      );
    }
    return writeTombstone(trx, emit, found, 'recalled', callerId);
  }, conversationId);
}
