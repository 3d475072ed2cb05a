/**
 * Tables and columns of what happens to a message after it is sent: edits, recalls, deletion
 * for everyone or for one user, replies, reactions, read times (migration `005_message_changes`).
 */
export interface MessageChangeTables {
  message_hides: MessageHidesTable;
  message_reactions: MessageReactionsTable;
}

/** Columns added to `messages` by `005_message_changes`. */
export interface MessageChangeColumns {
  /** When the sender last edited the text (`editMessage`); null when never edited. */
  edited_at?: string | null;
  /**
   * When the message last changed after it was sent (edit, recall, deletion for everyone); null
   * when never. A resuming client's replay re-reads such messages (see `realtime/backlog.ts`).
   */
  changed_at?: string | null;
  /** The message this one replies to (same conversation); null when not a reply. */
  reply_to_message_id?: string | null;
  /**
   * The `MessageReplyPreview` of the replied-to message as JSON, written when the reply is sent
   * and rewritten when that message is edited, recalled or deleted; null when not a reply.
   */
  reply_to?: string | null;
  /** How many messages reply to this one. */
  reply_count?: number;
  /** The sender's `MessageExt` as JSON; null when none was sent. */
  ext?: string | null;
}

/** A message one user deleted for themselves (`deleteMessageForMe`): hidden from that user only. */
export interface MessageHidesTable {
  user_id: string;
  message_id: string;
  conversation_id: string;
  hidden_at: string;
}

/** One member's emoji on a message (`addReaction`); one row per message, user and emoji. */
export interface MessageReactionsTable {
  message_id: string;
  user_id: string;
  emoji: string;
  created_at: string;
}

/**
 * A column `005_message_changes` adds to `conversation_members`, read through
 * `db.withTables<ReadTimeTables>()`: when the member's read position last moved forward, kept by
 * a database trigger whoever moves it (`markConversationRead`, a send).
 */
export type ReadTimeTables = {
  conversation_members: { conversation_id: string; user_id: string; last_read_at: string | null };
};
