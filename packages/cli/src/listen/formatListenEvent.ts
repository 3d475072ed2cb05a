import type { Message, RealtimeEvent } from '@imkit/sdk';
import { formatGroupNotice } from '../chat/groupNotice.js';
import { contentText } from '../format/formatMessage.js';
import { formatTime } from '../format/formatTime.js';

/** What `imkit listen` knows when it prints an event. */
export interface ListenView {
  myUserId: string;
  /**
   * The label of a conversation (`@bob`, `#Crew`) when several are listened to, or null to print
   * no label (one conversation).
   */
  label(conversationId: string): string | null;
}

/** `[time] #Crew alice` or `[time] alice`: who did it, where. */
function who(view: ListenView, message: Message, at = message.created_at): string {
  const label = view.label(message.conversation_id);
  return `[${formatTime(at)}] ${label ? `${label} ` : ''}${message.sender.username}`;
}

function labelOf(view: ListenView, conversationId: string): string {
  const label = view.label(conversationId);
  return label ? `${label} ` : '';
}

/** The group an event of a group is about, for {@link formatGroupNotice}. */
function groupIdOf(event: RealtimeEvent): string | null {
  const data = event.data as { group_id?: unknown; group?: { id?: unknown } };
  if (typeof data.group_id === 'string') return data.group_id;
  if (typeof data.group?.id === 'string') return data.group.id;
  return null;
}

/**
 * One event as the line `imkit listen` prints (text mode), or null for events that only matter
 * to the app (read positions, one's own settings): `[09:35:02] #Crew alice: hi`,
 * `[09:36:10] alice edited: hi all`, `alice recalled a message`, `bob reacted 👍`,
 * `friend request from bob: "hi"`, `* bob joined #Crew`.
 */
export function formatListenEvent(event: RealtimeEvent, view: ListenView): string | null {
  switch (event.type) {
    case 'message.created':
      return `${who(view, event.data)}: ${contentText(event.data.content)}`;
    case 'message.updated':
      return `${who(view, event.data, event.data.edited_at ?? event.data.created_at)} edited: ${contentText(event.data.content)}`;
    case 'message.recalled':
      return `${labelOf(view, event.data.conversation_id)}${event.data.sender.username} recalled a message`;
    case 'message.deleted':
      return `${labelOf(view, event.data.conversation_id)}a message from ${event.data.sender.username} was deleted`;
    case 'reaction.added':
      return `${labelOf(view, event.data.conversation_id)}${event.data.user.username} reacted ${event.data.emoji}`;
    case 'reaction.removed':
      return `${labelOf(view, event.data.conversation_id)}${event.data.user.username} took back ${event.data.emoji}`;
    case 'friend_request.created': {
      const note = event.data.message ? `: "${event.data.message}"` : '';
      return `friend request from ${event.data.from.username}${note}`;
    }
    case 'friend_request.accepted':
      return `${event.data.to.username} accepted your friend request`;
    case 'friend_request.rejected':
      return `${event.data.to.username} declined your friend request`;
    case 'friend.removed':
      return `${event.data.user.username} is no longer your friend`;
    case 'message.read':
    case 'message.hidden':
    case 'conversation.updated':
    case 'conversation.cleared':
      return null;
    default: {
      const groupId = groupIdOf(event);
      const notice = groupId
        ? formatGroupNotice(event, { groupId, myUserId: view.myUserId })
        : null;
      return notice ?? `* ${event.type}`;
    }
  }
}
