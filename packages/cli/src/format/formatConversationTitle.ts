import type { Conversation } from '@imkit/sdk';
import { GROUP_PREFIX } from '../groupReference.js';

/** How a conversation is named to the user: the peer's username, or `#` and the group's name. */
export function formatConversationTitle(conversation: Conversation): string {
  if (conversation.peer) return conversation.peer.username;
  if (conversation.group) return `${GROUP_PREFIX}${conversation.group.name}`;
  return conversation.id;
}
