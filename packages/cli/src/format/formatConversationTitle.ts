import type { Conversation } from '@imkit/sdk';

/** How a conversation is named to the user: the peer's username, or the group's name. */
export function formatConversationTitle(conversation: Conversation): string {
  return conversation.peer?.username ?? conversation.group?.name ?? conversation.id;
}
