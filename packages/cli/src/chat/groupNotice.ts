import type { RealtimeEvent } from '@imkit/sdk';
import { GROUP_PREFIX } from '../groupReference.js';

/** Whose chat a notice is printed in. */
export interface GroupNoticeViewer {
  /** The group the chat is about. */
  groupId: string;
  /** The user running the chat ("you" in notices). */
  myUserId: string;
}

/**
 * The line a group chat prints for a realtime event about its group's membership, or null for
 * other events and other groups: `* bob joined`, `* bob left`, `* bob was removed by alice`,
 * `* alice dismissed #Crew`, `* announcement by alice: ...`. When the viewer was removed, or the
 * group dismissed, the line says they can no longer send.
 */
export function formatGroupNotice(event: RealtimeEvent, viewer: GroupNoticeViewer): string | null {
  const you = (id: string, name: string) => (id === viewer.myUserId ? 'you' : name);
  switch (event.type) {
    case 'group.member_joined':
      if (event.data.group_id !== viewer.groupId) return null;
      return `* ${you(event.data.user.id, event.data.user.username)} joined`;
    case 'group.member_left':
      if (event.data.group_id !== viewer.groupId) return null;
      return `* ${you(event.data.user.id, event.data.user.username)} left`;
    case 'group.member_removed': {
      if (event.data.group_id !== viewer.groupId) return null;
      const by = event.data.actor ? ` by ${event.data.actor.username}` : '';
      return event.data.user.id === viewer.myUserId
        ? `* you were removed${by}; you can no longer send here`
        : `* ${event.data.user.username} was removed${by}`;
    }
    case 'group.dismissed':
      if (event.data.group.id !== viewer.groupId) return null;
      return `* ${event.data.actor.username} dismissed ${GROUP_PREFIX}${event.data.group.name}; nobody can send here any more`;
    case 'group.announcement_created':
      if (event.data.group_id !== viewer.groupId) return null;
      return `* announcement by ${event.data.author.username}: ${event.data.content}`;
    default:
      return null;
  }
}
