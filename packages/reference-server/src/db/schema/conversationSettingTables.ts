import type { Generated } from 'kysely';

/**
 * Tables of migration `007_conversation_settings` that queries name through kysely: none. The
 * message search index (SQLite's FTS5 table `message_search`, PostgreSQL's trigram index on
 * `messages`) is read only through `src/domain/messageSearchIndex.ts`, in raw SQL per dialect.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the search index is not a kysely table.
export interface ConversationSettingTables {}

/**
 * A member's own settings of a conversation (operation `updateConversationSettings`, hiding and
 * clearing): columns added to `conversation_members` by `007_conversation_settings`. Only the
 * member sees them.
 */
export interface ConversationSettingColumns {
  /** 1 when the member pinned the conversation: it is listed first. */
  pinned: Generated<number>;
  /** 1 when the member muted it (until `muted_until`, or until unmuted when that is null). */
  muted: Generated<number>;
  /** End of a timed mute (ISO 8601); null for a mute until unmuted, or no mute. */
  muted_until: Generated<string | null>;
  /** 1 when the member marked it unread; `markConversationRead` clears it. */
  marked_unread: Generated<number>;
  /**
   * The conversation's `last_message_seq` when the member hid it (`hideConversation`): it stays
   * out of their list until a message they may see comes after it; null when not hidden.
   */
  hidden_seq: Generated<number | null>;
  /** When the member last changed these settings (ISO 8601); null before the first change. */
  settings_updated_at: Generated<string | null>;
}
