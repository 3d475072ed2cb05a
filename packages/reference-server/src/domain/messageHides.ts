import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * True where a message was not deleted for themselves by `userId` (`deleteMessageForMe`, table
 * `message_hides`): every list, count and search of that user's leaves the others out with it.
 * One primary-key lookup per message row.
 * @param messageId the message id column of the query, e.g. `messages.id` or `m.id`.
 */
export function notHiddenFor(userId: string, messageId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM message_hides AS hidden WHERE hidden.user_id = ${userId} AND hidden.message_id = ${sql.ref(messageId)})`;
}
