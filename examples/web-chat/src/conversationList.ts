import type { Conversation } from '@imkit/sdk';
import { byId, element } from './dom.js';

/** How a conversation is named: the peer's name, or the group's. */
export function conversationTitle(conversation: Conversation): string {
  if (conversation.peer) return conversation.peer.nickname ?? conversation.peer.username;
  return conversation.group?.name ?? conversation.id;
}

/** Draws the conversation list with unread counts; `open` is the one shown, if any. */
export function renderConversations(
  conversations: Conversation[],
  open: string | null,
  onOpen: (conversation: Conversation) => void,
): void {
  const list = byId<HTMLUListElement>('conversations');
  list.replaceChildren(
    ...conversations.map((conversation) => {
      const item = element('li', '');
      item.dataset.conversationId = conversation.id;
      item.classList.toggle('open', conversation.id === open);
      item.append(element('span', conversationTitle(conversation), 'title'));
      if (conversation.unread_count > 0) {
        item.append(element('span', String(conversation.unread_count), 'unread'));
      }
      item.addEventListener('click', () => onOpen(conversation));
      return item;
    }),
  );
}
