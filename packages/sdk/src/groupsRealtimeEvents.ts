import type { RealtimeEvent } from './generated/openapi.js';

/**
 * The realtime events about chat groups: every `group.*` event the server pushes
 * (`group.updated`, `group.member_joined`, `group.member_updated`, `group.member_left`,
 * `group.member_removed`, `group.dismissed`, `group.invitation_created`,
 * `group.invitation_reviewed`, `group.join_request_created`, `group.join_request_reviewed`,
 * `group.announcement_created`) and `notification.group_event` (a new entry in the caller's
 * group event feed).
 * Messages in a group conversation arrive as `message.created`, like direct ones.
 */
export type GroupRealtimeEvent = Extract<
  RealtimeEvent,
  { type: `group.${string}` | 'notification.group_event' }
>;

/** The type names of {@link GroupRealtimeEvent} (`group.member_joined`...). */
export type GroupRealtimeEventType = GroupRealtimeEvent['type'];

/** The `data` of one group event type (`group.member_removed` -> `GroupMemberExit`). */
export type GroupRealtimeEventData<T extends GroupRealtimeEventType> = Extract<
  GroupRealtimeEvent,
  { type: T }
>['data'];
