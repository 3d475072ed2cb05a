import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import {
  type AccessibleMessage,
  conversationOfMessage,
  findActionableMessage,
} from './messageAccess.js';
import { messagesForCaller } from './messageCallerViews.js';
import { writeTombstone } from './messageTombstone.js';
import { isTombstone } from './messageViews.js';
import type { Services } from './Services.js';

/**
 * Who may delete a message for everyone: its sender at any time; in a group, the owner (any
 * message) and an admin (their own and plain members' messages, including those of members
 * who left, never the owner's or another admin's).
 */
export function mayDeleteForEveryone(found: AccessibleMessage, callerId: string): boolean {
  if (found.row.sender_id === callerId) return true;
  if (found.conversationType !== 'group') return false;
  if (found.callerRole === 'owner') return true;
  return (
    found.callerRole === 'admin' && found.senderRole !== 'owner' && found.senderRole !== 'admin'
  );
}

/**
 * Deletes a message for everyone (operation `deleteMessageForEveryone`): it becomes a tombstone
 * of reason `deleted` and members get `message.deleted` (see {@link writeTombstone}). Deleting a
 * message that is already a tombstone changes nothing and answers with it.
 * @returns the tombstone.
 * @throws ApiError 404 `message.not_found`, 403 `message.not_allowed` (see
 *   {@link mayDeleteForEveryone}).
 */
export async function deleteMessageForEveryone(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
): Promise<Schema<'Message'>> {
  const conversationId = await conversationOfMessage(services.db, messageId);
  return services.work(async (trx, emit) => {
    const found = await findActionableMessage(trx, messageId, callerId);
    if (!mayDeleteForEveryone(found, callerId)) {
      throw new ApiError(
        403,
        'message.not_allowed',
        'Only the sender, or an owner or admin of the group, may delete this message.',
      );
    }
    if (isTombstone(found.row)) {
      const [message] = await messagesForCaller(trx, callerId, found.conversationType, [found]);
      return message!;
    }
    return writeTombstone(trx, emit, found, 'deleted', callerId);
  }, conversationId);
}
