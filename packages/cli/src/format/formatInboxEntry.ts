import type { Conversation } from '@imkit/sdk';
import { formatConversationTitle } from './formatConversationTitle.js';
import { contentText } from './formatMessage.js';
import { formatTime } from './formatTime.js';

/**
 * A conversation as a line of `imkit inbox`:
 * `pinned  #Climbing  3 unread  1 mention  muted  [2026-11-21 09:35] bob: see you`
 * (`pinned` only when pinned; mentions only when there are any; `muted` or
 * `muted until <time>` while muted; `marked unread` when marked; the newest message last).
 */
export function formatInboxEntry(conversation: Conversation): string {
  const parts = [formatConversationTitle(conversation), `${conversation.unread_count} unread`];
  if (conversation.pinned) parts.unshift('pinned');
  const mentions = conversation.unread_mention_count ?? 0;
  if (mentions > 0) parts.push(`${mentions} mention${mentions === 1 ? '' : 's'}`);
  if (conversation.muted) {
    parts.push(
      conversation.muted_until ? `muted until ${formatTime(conversation.muted_until)}` : 'muted',
    );
  }
  if (conversation.marked_unread) parts.push('marked unread');
  if (conversation.disabled) parts.push('(read-only)');
  const last = conversation.last_message;
  if (last) {
    parts.push(
      `[${formatTime(last.created_at)}] ${last.sender.username}: ${contentText(last.content)}`,
    );
  }
  return parts.join('  ');
}

/** Pinned conversations first; otherwise the server's order (most recent activity first). */
export function sortPinnedFirst(conversations: readonly Conversation[]): Conversation[] {
  const rank = (c: Conversation): number => (c.pinned ? 0 : 1);
  return [...conversations].sort((a, b) => rank(a) - rank(b));
}
