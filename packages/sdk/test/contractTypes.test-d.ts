import { assertType, describe, expectTypeOf, it } from 'vitest';
import type {
  Group,
  GroupInvitationResults,
  GroupMember,
  ImkitClient,
  MessageReactions,
  SearchResults,
} from '../src/index.js';

declare const client: ImkitClient;
const group = { group_id: 'g1' };

describe('operations of the complete contract', () => {
  it('resolves with the spec body of the new operations', () => {
    expectTypeOf(client.createGroup).returns.resolves.toEqualTypeOf<Group>();
    expectTypeOf(
      client.inviteGroupMembers,
    ).returns.resolves.toEqualTypeOf<GroupInvitationResults>();
    expectTypeOf(client.muteGroupMember).returns.resolves.toEqualTypeOf<GroupMember>();
    expectTypeOf(client.addReaction).returns.resolves.toEqualTypeOf<MessageReactions>();
    expectTypeOf(client.searchAll).returns.resolves.toEqualTypeOf<SearchResults>();
    expectTypeOf(client.leaveGroup).returns.resolves.toEqualTypeOf<undefined>();
  });

  it('accepts bodies that fit the spec', () => {
    assertType(client.createGroup({ body: { name: 'Climbers', member_ids: ['u2'] } }));
    assertType(
      client.setGroupMemberRole({ path: { ...group, user_id: 'u2' }, body: { role: 'admin' } }),
    );
    assertType(
      client.sendMessage({
        path: { conversation_id: 'c1' },
        body: { client_message_id: 'm1', content: { type: 'location', latitude: 1, longitude: 2 } },
      }),
    );
  });

  it('rejects bodies that break the spec', () => {
    // @ts-expect-error a group needs a name
    assertType(client.createGroup({ body: { description: 'no name' } }));
    const member = { ...group, user_id: 'u2' };
    // @ts-expect-error the owner role moves only by transferGroupOwnership
    assertType(client.setGroupMemberRole({ path: member, body: { role: 'owner' } }));
    assertType(
      client.sendMessage({
        path: { conversation_id: 'c1' },
        // @ts-expect-error a location needs its longitude
        body: { client_message_id: 'm1', content: { type: 'location', latitude: 1 } },
      }),
    );
    // @ts-expect-error muting needs the member's path
    assertType(client.muteGroupMember({ path: group, body: { duration_seconds: 60 } }));
  });
});
