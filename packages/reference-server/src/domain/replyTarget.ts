import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';
import { senderOf } from './conversationViews.js';
import { replyPreviewJson } from './replyPreview.js';
import { userColumns } from './userViews.js';

/** The replied-to message with its sender, if the sender of the reply sees it: one indexed read. */
const targetQuery = new ReusableQuery(
  (
    db: Kysely<DatabaseSchema>,
    p: { messageId: string; conversationId: string; senderId: string },
  ) =>
    db
      .selectFrom('messages as m')
      .innerJoin('users', 'users.id', 'm.sender_id')
      .innerJoin('conversation_members as me', (join) =>
        join
          .onRef('me.conversation_id', '=', 'm.conversation_id')
          .on('me.user_id', '=', p.senderId),
      )
      .select(['m.id', 'm.content'])
      .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
      .where('m.id', '=', p.messageId)
      .where('m.conversation_id', '=', p.conversationId)
      .whereRef('m.seq', '>', 'me.visible_from_seq'),
);

/**
 * Checks the `reply_to_message_id` of a send and makes the reply's stored preview, inside the
 * sending transaction; then counts the reply on the replied-to message (`reply_count`).
 * @returns the `reply_to_message_id` and `reply_to` columns of the reply.
 * @throws ApiError 422 `message.reply_target_not_found` (not a message of this conversation that
 *   the sender sees), pointing at `/body/reply_to_message_id`.
 */
export async function takeReplyTarget(
  trx: Transaction<DatabaseSchema>,
  messageId: string,
  conversationId: string,
  senderId: string,
): Promise<{ reply_to_message_id: string; reply_to: string }> {
  const target = await targetQuery.first(trx, { messageId, conversationId, senderId });
  if (!target) {
    throw new ApiError(
      422,
      'message.reply_target_not_found',
      'The message replied to is not in this conversation.',
      {
        errors: [
          {
            pointer: '/body/reply_to_message_id',
            detail: 'names no message of this conversation',
            keyword: 'reference',
          },
        ],
      },
    );
  }
  await trx
    .updateTable('messages')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
    .where('id', '=', messageId)
    .execute();
  return { reply_to_message_id: messageId, reply_to: replyPreviewJson(target, senderOf(target)) };
}
