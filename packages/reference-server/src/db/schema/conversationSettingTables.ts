/** Tables of the message search index (migration `007_conversation_settings`). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as search is implemented.
export interface ConversationSettingTables {}

/** A member's own settings of a conversation: columns added to `conversation_members`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as settings are implemented.
export interface ConversationSettingColumns {}
