import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { OPEN_END_SEQ } from './membership.js';
import { findAccessibleMessage, messageNotFound } from './messageAccess.js';
import { joinedMessagesForCaller } from './messageCallerViews.js';
import { notHiddenFor } from './messageHides.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { userColumns } from './userViews.js';

/** Replies to a message after `seq` that the caller sees, oldest first, with their senders. */
const repliesQuery = new ReusableQuery(
  (
    db: Kysely<DatabaseSchema>,
    p: {
      parentId: string;
      callerId: string;
      seq: number;
      visibleFrom: number;
      visibleUntil: number;
      limit: number;
    },
  ) =>
    db
      .selectFrom('messages')
      .innerJoin('users', 'users.id', 'messages.sender_id')
      .selectAll('messages')
      .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
      .where('messages.reply_to_message_id', '=', p.parentId)
      .where('messages.seq', '>', p.seq)
      .where('messages.seq', '>', p.visibleFrom)
      .where('messages.seq', '<=', p.visibleUntil)
      .where(notHiddenFor(p.callerId, 'messages.id'))
      .orderBy('messages.seq', 'asc')
      .limit(p.limit),
);

/**
 * The replies to a message (operation `listMessageReplies`): messages whose `reply_to` is it,
 * oldest first, that the caller sees (within their membership, not deleted for themselves),
 * paged forward with `after`.
 * @throws ApiError 404 `message.not_found`, 422 `cursor.invalid`.
 */
export async function listMessageReplies(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  messageId: string,
  query: OperationQuery<'listMessageReplies'>,
): Promise<Schema<'MessagePage'>> {
  const parent = await findAccessibleMessage(db, messageId, callerId);
  if (parent.hidden) throw messageNotFound();
  const membership = await db
    .selectFrom('conversation_members')
    .select(['visible_from_seq', 'visible_until_seq'])
    .where('conversation_id', '=', parent.row.conversation_id)
    .where('user_id', '=', callerId)
    .executeTakeFirstOrThrow();
  const limit = pageSize(query.limit);
  const scope = `replies:${messageId}`;
  const after = query.after ? Number(cursors.decode(scope, query.after, 'after', 1)[0]) : 0;
  const found = await repliesQuery.execute(db, {
    parentId: messageId,
    callerId,
    seq: after,
    visibleFrom: Number(membership.visible_from_seq),
    visibleUntil: Number(membership.visible_until_seq ?? OPEN_END_SEQ),
    limit: limit + 1,
  });
  const { rows, hasMore } = takePage(found, limit);
  const items = await joinedMessagesForCaller(db, callerId, parent.conversationType, rows);
  const edge = rows.at(-1);
  return {
    items,
    has_more: hasMore,
    next_cursor: hasMore && edge ? cursors.encode(scope, [Number(edge.seq)]) : null,
  };
}
