/**
 * Tables and columns of what happens to a message after it is sent: edits, recalls, deletion
 * for everyone or for one user, replies, reactions (migration `005_message_changes`).
 */
export interface MessageChangeTables {
  message_hides: MessageHidesTable;
}

/** Columns added to `messages` by `005_message_changes`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as message changes are implemented.
export interface MessageChangeColumns {}

/** A message one user deleted for themselves (`deleteMessageForMe`): hidden from that user only. */
export interface MessageHidesTable {
  user_id: string;
  message_id: string;
  conversation_id: string;
  hidden_at: string;
}
