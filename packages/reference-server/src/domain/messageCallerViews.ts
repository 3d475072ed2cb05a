import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { senderOf } from './conversationViews.js';
import { type CallerView, type MessageRow, toMessage } from './messageViews.js';
import { reactionSummaries } from './reactionSummaries.js';
import { peerReadPositions, readCount } from './receiptState.js';
import type { UserRow } from './userViews.js';

/** A stored message with its `seq` and sender, ready to be shown. */
export interface ShownMessage {
  row: MessageRow & { seq: number };
  sender: UserRow;
}

/**
 * Messages of one conversation as one caller sees them (`Message`): each with its reactions
 * (`reacted_by_me` for the caller) and, on the caller's own messages, `is_read` in a direct
 * conversation or `read_count` in a group. Two queries whatever the number of messages: the
 * reactions, and (only when the caller sent one of them) the other members' read positions.
 * @param conversationType the conversation's type, deciding `is_read` or `read_count`.
 */
export async function messagesForCaller(
  db: Kysely<DatabaseSchema>,
  callerId: string,
  conversationType: 'direct' | 'group',
  messages: readonly ShownMessage[],
): Promise<Schema<'Message'>[]> {
  if (messages.length === 0) return [];
  const reactions = await reactionSummaries(
    db,
    callerId,
    messages.map((m) => m.row.id),
  );
  const own = messages.filter((m) => m.row.sender_id === callerId);
  const peers =
    own.length > 0 ? await peerReadPositions(db, messages[0]!.row.conversation_id, callerId) : [];
  return messages.map(({ row, sender }) => {
    const view: CallerView = { reactions: reactions.get(row.id) ?? [] };
    if (row.sender_id === callerId) {
      const count = readCount(peers, row.seq);
      if (conversationType === 'direct') view.is_read = count > 0;
      else view.read_count = count;
    }
    return toMessage(row, sender, view);
  });
}

/** A message row joined with its sender's columns (`sender_*`), as the list queries read it. */
type JoinedMessageRow = MessageRow & { seq: number | string } & Parameters<typeof senderOf>[0];

/**
 * {@link messagesForCaller} for rows read with their senders joined (`sender_*` columns): the
 * pages of `listMessages`, `listMessageReplies` and `searchMessages`.
 */
export function joinedMessagesForCaller(
  db: Kysely<DatabaseSchema>,
  callerId: string,
  conversationType: 'direct' | 'group',
  rows: readonly JoinedMessageRow[],
): Promise<Schema<'Message'>[]> {
  return messagesForCaller(
    db,
    callerId,
    conversationType,
    rows.map((row) => ({ row: { ...row, seq: Number(row.seq) }, sender: senderOf(row) })),
  );
}
