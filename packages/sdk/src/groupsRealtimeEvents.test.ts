import { describe, expectTypeOf, it } from 'vitest';
import type { GroupMemberExit, RealtimeEvent } from './generated/openapi.js';
import type { GroupRealtimeEventData, GroupRealtimeEventType } from './groupsRealtimeEvents.js';

describe('group realtime event types', () => {
  it('cover every group event of the realtime union, and nothing else', () => {
    type Expected = Extract<RealtimeEvent['type'], `group.${string}` | `notification.group_event`>;
    expectTypeOf<GroupRealtimeEventType>().toEqualTypeOf<Expected>();
    expectTypeOf<GroupRealtimeEventType>().toEqualTypeOf<
      | 'group.updated'
      | 'group.member_joined'
      | 'group.member_updated'
      | 'group.member_left'
      | 'group.member_removed'
      | 'group.dismissed'
      | 'group.invitation_created'
      | 'group.invitation_reviewed'
      | 'group.join_request_created'
      | 'group.join_request_reviewed'
      | 'group.announcement_created'
      | 'notification.group_event'
    >();
    expectTypeOf<GroupRealtimeEventData<'group.member_removed'>>().toEqualTypeOf<GroupMemberExit>();
  });
});
