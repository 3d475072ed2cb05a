import type { MessagesTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { toUserRef, type UserRow } from './userViews.js';

type Message = Schema<'Message'>;

/** A stored message row as the views read it (the `seq` and the later columns are optional). */
export type MessageRow = Omit<MessagesTable, 'seq'> & { seq?: number };

/**
 * What one caller sees of a message besides the message itself: reactions with `reacted_by_me`,
 * and on the caller's own messages `is_read` (direct) or `read_count` (group).
 */
export interface CallerView {
  reactions?: Schema<'ReactionSummary'>[];
  is_read?: boolean;
  read_count?: number;
}

/**
 * A message as the API shows it (`Message`), with its sender embedded: the same for every
 * member (what events carry), plus, when given, what only the caller sees (`view`).
 * @param row the stored row; `reply_to` and `ext` are stored JSON.
 */
export function toMessage(row: MessageRow, sender: UserRow, view: CallerView = {}): Message {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    sender: toUserRef(sender),
    client_message_id: row.client_message_id,
    content: JSON.parse(row.content) as Schema<'MessageContent'>,
    created_at: row.created_at,
    ...(row.mentions ? { mentions: JSON.parse(row.mentions) as Schema<'Mentions'> } : {}),
    reply_to: row.reply_to ? (JSON.parse(row.reply_to) as Schema<'MessageReplyPreview'>) : null,
    reply_count: Number(row.reply_count ?? 0),
    edited_at: row.edited_at ?? null,
    ...(row.ext ? { ext: JSON.parse(row.ext) as Schema<'MessageExt'> } : {}),
    ...(view.reactions && view.reactions.length > 0 ? { reactions: view.reactions } : {}),
    ...(view.is_read !== undefined ? { is_read: view.is_read } : {}),
    ...(view.read_count !== undefined ? { read_count: view.read_count } : {}),
  };
}

/** True when the content is what remains of a recalled or deleted message. */
export function isTombstone(row: Pick<MessagesTable, 'content'>): boolean {
  return (JSON.parse(row.content) as { type: string }).type === 'tombstone';
}
