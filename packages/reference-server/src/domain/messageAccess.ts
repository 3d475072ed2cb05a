import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';
import { senderOf } from './conversationViews.js';
import { OPEN_END_SEQ } from './membership.js';
import type { MessageRow } from './messageViews.js';
import type { UserRow } from './userViews.js';
import { userColumns } from './userViews.js';

/** A message the caller may see, with what deciding who may change it needs. */
export interface AccessibleMessage {
  row: MessageRow & { seq: number };
  sender: UserRow;
  conversationType: 'direct' | 'group';
  /** True while the caller is a member (false: a member who left, reading history). */
  current: boolean;
  /** True when the caller deleted it for themselves. */
  hidden: boolean;
  /** The caller's role in the group; null in a direct conversation or after leaving. */
  callerRole: 'owner' | 'admin' | 'member' | null;
  /** The sender's role in the group now; null in a direct conversation or after leaving. */
  senderRole: 'owner' | 'admin' | 'member' | null;
}

/** The message, if the caller's membership (current, or past and read-only) covers it. */
const accessQuery = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { messageId: string; callerId: string; openEnd: number }) =>
    db
      .selectFrom('messages as m')
      .innerJoin('users', 'users.id', 'm.sender_id')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .innerJoin('conversation_members as me', (join) =>
        join
          .onRef('me.conversation_id', '=', 'm.conversation_id')
          .on('me.user_id', '=', p.callerId),
      )
      .leftJoin('message_hides as h', (join) =>
        join.onRef('h.message_id', '=', 'm.id').on('h.user_id', '=', p.callerId),
      )
      .leftJoin('groups as g', 'g.conversation_id', 'm.conversation_id')
      .leftJoin('group_members as cgm', (join) =>
        join.onRef('cgm.group_id', '=', 'g.id').on('cgm.user_id', '=', p.callerId),
      )
      .leftJoin('group_members as sgm', (join) =>
        join.onRef('sgm.group_id', '=', 'g.id').onRef('sgm.user_id', '=', 'm.sender_id'),
      )
      .selectAll('m')
      .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
      .select([
        'c.type as conversation_type',
        'me.left_position',
        'h.user_id as hidden_by',
        'cgm.role as caller_role',
        'sgm.role as sender_role',
      ])
      .where('m.id', '=', p.messageId)
      .whereRef('m.seq', '>', 'me.visible_from_seq')
      .where((eb) => eb('m.seq', '<=', eb.fn.coalesce('me.visible_until_seq', eb.val(p.openEnd)))),
);

/** The 404 every operation on a message answers for a message the caller may not see. */
export function messageNotFound(): ApiError {
  return new ApiError(
    404,
    'message.not_found',
    'No such message, or you are not a member of its conversation.',
  );
}

/**
 * Loads a message the caller may see: the caller is or was a member of its conversation and the
 * message falls within their membership. Messages of conversations the caller is not in, and ones
 * before they joined, are not distinguished from missing ones.
 * @param db the database, or the running unit of work's transaction.
 * @throws ApiError 404 `message.not_found`.
 */
export async function findAccessibleMessage(
  db: Kysely<DatabaseSchema>,
  messageId: string,
  callerId: string,
): Promise<AccessibleMessage> {
  const found = await accessQuery.first(db, { messageId, callerId, openEnd: OPEN_END_SEQ });
  if (!found) throw messageNotFound();
  const {
    conversation_type,
    left_position,
    hidden_by,
    caller_role,
    sender_role,
    sender_id: _s,
    sender_username: _u,
    sender_nickname: _n,
    sender_avatar_url: _a,
    sender_deleted_at: _d,
    sender_email: _e,
    sender_created_at: _c,
    ...row
  } = found;
  return {
    row: { ...row, sender_id: found.sender_id, seq: Number(row.seq) },
    sender: senderOf(found),
    conversationType: conversation_type,
    current: left_position === null,
    hidden: hidden_by !== null,
    callerRole: left_position === null ? caller_role : null,
    senderRole: sender_role,
  };
}

/**
 * Write-locks a message's row until the transaction ends (a no-op update), so that changes to
 * one message from several server processes run one after another and each reads the row as the
 * one before left it: an edit racing a recall cannot write the old text back over the tombstone.
 */
const lockMessage = new ReusableQuery((db: Kysely<DatabaseSchema>, p: { messageId: string }) =>
  db
    .updateTable('messages')
    .set((eb) => ({ reply_count: eb.ref('reply_count') }))
    .where('id', '=', p.messageId),
);

/**
 * A message the caller sees and may act on (react, edit, recall, delete for everyone): the caller
 * is a current member and has not deleted it for themselves. Call it inside the unit of work
 * (`trx`): it write-locks the message first, so the row it returns stays as read until commit.
 * @throws ApiError 404 `message.not_found`.
 */
export async function findActionableMessage(
  trx: Transaction<DatabaseSchema>,
  messageId: string,
  callerId: string,
): Promise<AccessibleMessage> {
  await lockMessage.execute(trx, { messageId });
  const message = await findAccessibleMessage(trx, messageId, callerId);
  if (!message.current || message.hidden) throw messageNotFound();
  return message;
}

/**
 * The conversation a message belongs to, to name as the unit of work's lock key before the
 * message is read again inside it.
 * @throws ApiError 404 `message.not_found` when no message has this id.
 */
export async function conversationOfMessage(
  db: Kysely<DatabaseSchema>,
  messageId: string,
): Promise<string> {
  const row = await db
    .selectFrom('messages')
    .select('conversation_id')
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!row) throw messageNotFound();
  return row.conversation_id;
}
