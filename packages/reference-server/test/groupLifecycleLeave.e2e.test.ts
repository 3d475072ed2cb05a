// leaveGroup (issue 9): admins and members leave at once, the owner cannot; a member who left
// keeps, read-only, what came before and gets nothing of the group after, live or on resume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { validateAt } from './support/openApiSchema.js';
import type { RawRealtime } from './support/rawRealtime.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket, settleUserSockets } from './support/userSockets.js';
import type { TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The events a socket received, as `[type, data]`, each frame checked against the spec. */
function events(socket: RawRealtime) {
  for (const frame of socket.frames) {
    expect(validateAt('/components/schemas/RealtimeServerFrame', frame)).toEqual([]);
  }
  return socket.frames
    .filter((f) => f.type === 'event')
    .map((f) => [f.event!.type, f.event!.data] as [string, Record<string, unknown>]);
}

const left = (groupId: string, user: TestUser) =>
  [
    'group.member_left',
    { group_id: groupId, user: expect.objectContaining({ id: user.user.id }), actor: null },
  ] as const;

describe('leaveGroup', () => {
  it('refuses the owner with group.owner_cannot_leave', async () => {
    const { alice, group: g } = await groupCrew(t.url);
    expect(await failure(alice.client.leaveGroup({ path: { group_id: g.id } }))).toEqual({
      status: 409,
      code: 'group.owner_cannot_leave',
    });
    expect(await alice.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      my_role: 'owner',
      member_count: 3,
    });
  });

  it('lets a member leave at once, and the members and the leaver, not outsiders, get group.member_left', async () => {
    const { alice, bob, carol, dave, group: g } = await groupCrew(t.url);
    const sockets = await Promise.all(
      [alice, bob, carol, dave].map((user) => openUserSocket(t.url, user)),
    );
    await bob.client.leaveGroup({ path: { group_id: g.id } });
    await settleUserSockets(t.url, sockets);
    const [aliceSocket, bobSocket, carolSocket, daveSocket] = sockets;
    for (const socket of [aliceSocket!, bobSocket!, carolSocket!]) {
      expect(events(socket).filter(([type]) => type.startsWith('group.'))).toEqual([
        left(g.id, bob),
      ]);
    }
    expect(events(daveSocket!).filter(([type]) => type.startsWith('group.'))).toEqual([]);
    expect(await alice.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      member_count: 2,
    });
    expect(await bob.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      my_role: null,
    });
    expect((await bob.client.listGroups()).items).toEqual([]);
    expect(await failure(bob.client.leaveGroup({ path: { group_id: g.id } }))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    for (const socket of sockets) socket.ws.close();
  });

  it('lets an admin leave at once', async () => {
    const { alice, bob, group: g } = await groupCrew(t.url);
    // Alice hands the group to Bob and so becomes an admin.
    await alice.client.transferGroupOwnership({
      path: { group_id: g.id },
      body: { user_id: bob.user.id },
    });
    await alice.client.leaveGroup({ path: { group_id: g.id } });
    expect(await bob.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      my_role: 'owner',
      member_count: 2,
    });
    expect(await alice.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      my_role: null,
    });
  });

  it('leaves the departed member the history up to their departure, read-only, and nothing after on their socket', async () => {
    const { alice, bob, carol, group: g } = await groupCrew(t.url);
    const bobSocket = await openUserSocket(t.url, bob);
    const before = await sendText(alice, g.conversation_id, 'before');
    await bob.client.leaveGroup({ path: { group_id: g.id } });
    await sendText(alice, g.conversation_id, 'after');
    await sendText(carol, g.conversation_id, 'also after');
    await settleUserSockets(t.url, [bobSocket]);
    expect(
      events(bobSocket)
        .filter(([type]) => type !== 'friend_request.created')
        .map(([type, data]) => [type, type === 'message.created' ? data.id : data]),
    ).toEqual([['message.created', before.id], left(g.id, bob)]);

    const history = await bob.client.listMessages({
      path: { conversation_id: g.conversation_id },
    });
    expect(history.items.map((m) => m.id)).toEqual([before.id]);
    const listed = await bob.client.listConversations();
    expect(listed.items.find((c) => c.id === g.conversation_id)).toMatchObject({
      group: { id: g.id },
      disabled: true,
      last_message: { id: before.id },
      unread_count: 1,
    });
    expect(await failure(sendText(bob, g.conversation_id, 'let me back'))).toEqual({
      status: 403,
      code: 'conversation.disabled',
    });
    // The others still chat in a conversation that is not disabled for them.
    const carols = await carol.client.listConversations();
    expect(carols.items.find((c) => c.id === g.conversation_id)).toMatchObject({
      disabled: false,
      last_message: { content: { text: 'also after' } },
    });
    bobSocket.ws.close();
  });

  it('gives a resume from before the departure nothing of the group after it but group.member_left', async () => {
    const { alice, bob, carol, group: g } = await groupCrew(t.url);
    const first = await openUserSocket(t.url, bob);
    const since = first.hello.head_position!;
    first.ws.close();
    const before = await sendText(alice, g.conversation_id, 'before');
    await bob.client.leaveGroup({ path: { group_id: g.id } });
    // Everything the group does next: a message, a rename, a transfer, mute-all.
    await sendText(alice, g.conversation_id, 'after');
    await alice.client.updateGroup({ path: { group_id: g.id }, body: { name: 'Renamed' } });
    await alice.client.transferGroupOwnership({
      path: { group_id: g.id },
      body: { user_id: carol.user.id },
    });
    await carol.client.setGroupMuteAll({ path: { group_id: g.id }, body: { muted_all: true } });
    const resumed = await openUserSocket(t.url, bob, since);
    await settleUserSockets(t.url, [resumed]);
    expect(
      events(resumed).map(([type, data]) => [type, type === 'message.created' ? data.id : data]),
    ).toEqual([
      ['message.created', before.id],
      left(g.id, bob),
      ['friend_request.created', expect.anything()],
    ]);
    resumed.ws.close();
  });
});
