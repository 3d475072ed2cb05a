// transferGroupOwnership and dismissGroup (issue 9): the owner hands the group over (the old
// owner becomes an admin) or ends it (the conversation stays, disabled and readable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { groupRoleOf } from './support/groupRole.js';
import { validateAt } from './support/openApiSchema.js';
import type { RawRealtime } from './support/rawRealtime.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSockets, settleUserSockets } from './support/userSockets.js';
import { befriend, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The group events a socket received, as `[type, data]`, each frame checked against the spec. */
function groupEvents(socket: RawRealtime) {
  for (const frame of socket.frames) {
    expect(validateAt('/components/schemas/RealtimeServerFrame', frame)).toEqual([]);
  }
  return socket.frames
    .filter((f) => f.event?.type.startsWith('group.'))
    .map((f) => [f.event!.type, f.event!.data] as [string, Record<string, unknown>]);
}

/** The group event feed entries pushed to a socket (`notification.group_event`). */
const notifications = (socket: RawRealtime) =>
  socket.frames
    .filter((f) => f.event?.type === 'notification.group_event')
    .map((f) => f.event!.data);

describe('transferGroupOwnership', () => {
  it('makes the member the owner and the old owner an admin, and tells every member', async () => {
    const { alice, bob, carol, dave, group: g } = await groupCrew(t.url);
    const watched = await openUserSockets(t.url, { alice, bob, carol, dave });
    const transferred = await alice.client.transferGroupOwnership({
      path: { group_id: g.id },
      body: { user_id: bob.user.id },
    });
    expect(transferred).toMatchObject({ id: g.id, owner: { id: bob.user.id }, my_role: 'admin' });
    expect(await groupRoleOf(bob, g.id)).toBe('owner');
    expect(await groupRoleOf(alice, g.id)).toBe('admin');
    expect(await groupRoleOf(carol, g.id)).toBe('member');
    const row = await t.server.services.db
      .selectFrom('groups')
      .select('owner_id')
      .where('id', '=', g.id)
      .executeTakeFirstOrThrow();
    expect(row.owner_id).toBe(bob.user.id);

    await settleUserSockets(t.url, Object.values(watched));
    const roles = { alice: 'admin', bob: 'owner', carol: 'member' } as const;
    for (const [name, role] of Object.entries(roles)) {
      expect(groupEvents(watched[name]!)).toEqual([
        [
          'group.member_updated',
          expect.objectContaining({
            group_id: g.id,
            user: expect.objectContaining({ id: bob.user.id }),
            role: 'owner',
          }),
        ],
        [
          'group.member_updated',
          expect.objectContaining({
            group_id: g.id,
            user: expect.objectContaining({ id: alice.user.id }),
            role: 'admin',
          }),
        ],
        ['group.updated', { ...transferred, my_role: role }],
      ]);
    }
    expect(groupEvents(watched.dave!)).toEqual([]);
    // The new owner's feed says so, pushed to their socket; nobody else gets an entry.
    const [entry] = (await bob.client.listGroupEvents()).items;
    expect(entry).toMatchObject({
      type: 'became_owner',
      group: { id: g.id },
      actor: { id: alice.user.id },
      is_read: false,
    });
    expect(notifications(watched.bob!)).toEqual([entry]);
    for (const name of ['alice', 'carol', 'dave'])
      expect(notifications(watched[name]!)).toEqual([]);
    expect((await alice.client.listGroupEvents()).items).toEqual([]);
    expect((await carol.client.listGroupEvents()).items).toEqual([]);
    for (const socket of Object.values(watched)) socket.ws.close();
  });

  it('leaves the old owner an admin without the owner’s rights', async () => {
    const { alice, bob, carol, group: g } = await groupCrew(t.url);
    await alice.client.transferGroupOwnership({
      path: { group_id: g.id },
      body: { user_id: bob.user.id },
    });
    expect(
      await failure(
        alice.client.transferGroupOwnership({
          path: { group_id: g.id },
          body: { user_id: carol.user.id },
        }),
      ),
    ).toEqual({ status: 403, code: 'group.permission_denied' });
    expect(await failure(alice.client.dismissGroup({ path: { group_id: g.id } }))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    // Still an admin: admins may rename the group.
    await expect(
      alice.client.updateGroup({ path: { group_id: g.id }, body: { name: 'Renamed' } }),
    ).resolves.toMatchObject({ my_role: 'admin', name: 'Renamed' });
  });

  it('refuses a transfer to oneself with group.already_owner', async () => {
    const { alice, group: g } = await groupCrew(t.url);
    expect(
      await failure(
        alice.client.transferGroupOwnership({
          path: { group_id: g.id },
          body: { user_id: alice.user.id },
        }),
      ),
    ).toEqual({ status: 409, code: 'group.already_owner' });
  });

  it('refuses a transfer to someone who is not a member with group.member_not_found', async () => {
    const { alice, bob, dave, group: g } = await groupCrew(t.url);
    expect(
      await failure(
        alice.client.transferGroupOwnership({
          path: { group_id: g.id },
          body: { user_id: dave.user.id },
        }),
      ),
    ).toEqual({ status: 404, code: 'group.member_not_found' });
    // Nor to a member who has left.
    await bob.client.leaveGroup({ path: { group_id: g.id } });
    expect(
      await failure(
        alice.client.transferGroupOwnership({
          path: { group_id: g.id },
          body: { user_id: bob.user.id },
        }),
      ),
    ).toEqual({ status: 404, code: 'group.member_not_found' });
    expect(await groupRoleOf(alice, g.id)).toBe('owner');
  });

  it('refuses anyone but the owner with group.permission_denied', async () => {
    const { bob, carol, group: g } = await groupCrew(t.url);
    expect(
      await failure(
        bob.client.transferGroupOwnership({
          path: { group_id: g.id },
          body: { user_id: carol.user.id },
        }),
      ),
    ).toEqual({ status: 403, code: 'group.permission_denied' });
  });

  it('lifts a mute on the new owner, whom nobody ranks above', async () => {
    const { alice, carol, group: g } = await groupCrew(t.url);
    await t.server.services.db
      .updateTable('group_members')
      .set({ muted_indefinitely: 1 })
      .where('group_id', '=', g.id)
      .where('user_id', '=', carol.user.id)
      .execute();
    expect(await failure(sendText(carol, g.conversation_id, 'muted'))).toEqual({
      status: 403,
      code: 'group.member_muted',
    });
    await alice.client.transferGroupOwnership({
      path: { group_id: g.id },
      body: { user_id: carol.user.id },
    });
    await expect(sendText(carol, g.conversation_id, 'the owner speaks')).resolves.toBeTruthy();
  });
});

describe('dismissGroup', () => {
  it('tells every member, not outsiders, with group.dismissed', async () => {
    const { alice, bob, carol, dave, group: g } = await groupCrew(t.url);
    const watched = await openUserSockets(t.url, { alice, bob, carol, dave });
    await alice.client.dismissGroup({ path: { group_id: g.id } });
    await settleUserSockets(t.url, Object.values(watched));
    const dismissal = {
      group: { id: g.id, name: 'Climbers', avatar_url: null },
      conversation_id: g.conversation_id,
      actor: expect.objectContaining({ id: alice.user.id }),
    };
    for (const name of ['alice', 'bob', 'carol']) {
      expect(groupEvents(watched[name]!)).toEqual([['group.dismissed', dismissal]]);
    }
    expect(groupEvents(watched.dave!)).toEqual([]);
    // Every member but the owner who dismissed it gets a group_dismissed entry in their feed.
    for (const [name, member] of [
      ['bob', bob],
      ['carol', carol],
    ] as const) {
      const feed = (await member.client.listGroupEvents()).items;
      expect(feed).toMatchObject([
        {
          type: 'group_dismissed',
          group: { id: g.id, name: 'Climbers' },
          actor: { id: alice.user.id },
        },
      ]);
      expect(notifications(watched[name]!)).toEqual(feed);
    }
    expect((await alice.client.listGroupEvents()).items).toEqual([]);
    expect(notifications(watched.alice!)).toEqual([]);
    expect(notifications(watched.dave!)).toEqual([]);
    for (const socket of Object.values(watched)) socket.ws.close();
  });

  it('disables the conversation for everyone and keeps its history readable', async () => {
    const { alice, bob, group: g } = await groupCrew(t.url);
    const first = await sendText(alice, g.conversation_id, 'see you saturday');
    const second = await sendText(bob, g.conversation_id, 'see you');
    await alice.client.dismissGroup({ path: { group_id: g.id } });
    for (const member of [alice, bob]) {
      expect(await failure(sendText(member, g.conversation_id, 'anyone?'))).toEqual({
        status: 403,
        code: 'conversation.disabled',
      });
      const history = await member.client.listMessages({
        path: { conversation_id: g.conversation_id },
      });
      expect(history.items.map((m) => m.id)).toEqual([first.id, second.id]);
      const listed = await member.client.listConversations();
      expect(listed.items.find((c) => c.id === g.conversation_id)).toMatchObject({
        type: 'group',
        group: { id: g.id },
        disabled: true,
        last_message: { id: second.id },
      });
      expect(
        await member.client.getConversation({ path: { conversation_id: g.conversation_id } }),
      ).toMatchObject({ disabled: true });
    }
    // Read positions still move: the unread badge of a dismissed group can be cleared.
    await expect(
      alice.client.markConversationRead({
        path: { conversation_id: g.conversation_id },
        body: { message_id: second.id },
      }),
    ).resolves.toMatchObject({ last_read_message_id: second.id });
  });

  it('ends the group: it leaves listGroups and every group operation answers group.not_found', async () => {
    const { alice, bob, group: g } = await groupCrew(t.url);
    await alice.client.dismissGroup({ path: { group_id: g.id } });
    expect((await bob.client.listGroups()).items).toEqual([]);
    const path = { group_id: g.id };
    for (const call of [
      () => alice.client.getGroup({ path }),
      () => alice.client.dismissGroup({ path }),
      () => alice.client.updateGroup({ path, body: { name: 'Back' } }),
      () => alice.client.setGroupMuteAll({ path, body: { muted_all: true } }),
      () => alice.client.transferGroupOwnership({ path, body: { user_id: bob.user.id } }),
      () => bob.client.leaveGroup({ path }),
    ]) {
      expect(await failure(call())).toEqual({ status: 404, code: 'group.not_found' });
    }
  });

  it('rejects what was still pending (join requests, invitations) with the reason', async () => {
    const { alice, bob, dave, group: g } = await groupCrew(t.url);
    const erin = await registerUser(t.url, 'erin');
    await befriend(bob, erin);
    const request = await dave.client.createGroupJoinRequest({ body: { group_id: g.id } });
    // A plain member's invitation waits for the owner or an admin.
    await bob.client.inviteGroupMembers({
      path: { group_id: g.id },
      body: { user_ids: [erin.user.id] },
    });
    await alice.client.dismissGroup({ path: { group_id: g.id } });
    const [asked] = (await dave.client.listGroupJoinRequests({ query: { direction: 'sent' } }))
      .items;
    expect(asked).toMatchObject({
      id: request.id,
      status: 'rejected',
      reason: 'The group was dismissed.',
      reviewer: { id: alice.user.id },
    });
    const { db } = t.server.services;
    const invitations = await db
      .selectFrom('group_invitations')
      .select(['status', 'reason'])
      .where('group_id', '=', g.id)
      .execute();
    expect(invitations).toEqual([{ status: 'rejected', reason: 'The group was dismissed.' }]);
  });

  it('refuses admins and members with group.permission_denied', async () => {
    const { alice, bob, carol, group: g } = await groupCrew(t.url);
    await t.server.services.db
      .updateTable('group_members')
      .set({ role: 'admin' })
      .where('group_id', '=', g.id)
      .where('user_id', '=', bob.user.id)
      .execute();
    for (const caller of [bob, carol]) {
      expect(await failure(caller.client.dismissGroup({ path: { group_id: g.id } }))).toEqual({
        status: 403,
        code: 'group.permission_denied',
      });
    }
    expect(await groupRoleOf(alice, g.id)).toBe('owner');
  });
});
