import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { findAccessibleMessage, messageNotFound } from './messageAccess.js';
import { messagesForCaller } from './messageCallerViews.js';

/**
 * One message as the caller sees it (operation `getMessage`): any message of a conversation the
 * caller is in (or was in, up to when they left), with its reactions and, on the caller's own
 * messages, its read state. A recalled or deleted message is its tombstone.
 * @throws ApiError 404 `message.not_found` (no such message, not the caller's conversation, or
 *   deleted by the caller for themselves).
 */
export async function getMessage(
  db: Kysely<DatabaseSchema>,
  callerId: string,
  messageId: string,
): Promise<Schema<'Message'>> {
  const found = await findAccessibleMessage(db, messageId, callerId);
  if (found.hidden) throw messageNotFound();
  const [message] = await messagesForCaller(db, callerId, found.conversationType, [found]);
  return message!;
}
