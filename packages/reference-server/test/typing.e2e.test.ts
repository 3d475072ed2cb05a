// Typing indicators (issue 10): `typing` frames relayed as ephemeral `typing` events to the other
// members of a conversation, never stored, never replayed, throttled, refused for non-members.
import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drained, typingSeen } from './support/ephemeralFrames.js';
import { validateAt } from './support/openApiSchema.js';
import type { SeenFrame } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket } from './support/userSockets.js';
import { befriend, friendsWithConversation, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The error frames a socket received, past the `realtime.resync_required` after `hello`. */
function refusals(socket: { frames: SeenFrame[] }): SeenFrame[] {
  const errors = socket.frames.filter(
    (f) => f.type === 'error' && f.error?.code !== 'realtime.resync_required',
  );
  for (const frame of errors) {
    expect(validateAt('/components/schemas/RealtimeServerFrame', frame)).toEqual([]);
  }
  return errors;
}

const typing = (conversationId: string, state: 'started' | 'stopped') => ({
  type: 'typing',
  conversation_id: conversationId,
  state,
});

describe('typing in a direct conversation', () => {
  it("shows the peer's typing on every device of the peer, not on the typer's own", async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const aliceSocket = await openUserSocket(t.url, alice);
    const aliceOther = await openUserSocket(t.url, alice);
    const bobPhone = await openUserSocket(t.url, bob);
    const bobLaptop = await openUserSocket(t.url, bob);

    aliceSocket.send(typing(conversationId, 'started'));
    for (const socket of [bobPhone, bobLaptop]) {
      await socket.frame((f) => f.event?.type === 'typing');
      expect(typingSeen(socket)).toEqual([
        {
          conversation_id: conversationId,
          user: {
            id: alice.user.id,
            username: alice.username,
            nickname: null,
            avatar_url: null,
            deleted: false,
          },
          state: 'started',
        },
      ]);
    }
    aliceSocket.send(typing(conversationId, 'stopped'));
    await bobPhone.frame((f) => f.event?.type === 'typing' && typingSeen(bobPhone).length === 2);
    expect(typingSeen(bobPhone).map((d) => d.state)).toEqual(['started', 'stopped']);
    // Bob answers: Alice sees it; neither of Alice's sockets ever saw her own typing.
    bobPhone.send(typing(conversationId, 'started'));
    await aliceSocket.frame((f) => f.event?.type === 'typing');
    await drained(aliceOther);
    expect(typingSeen(aliceSocket).map((d) => d.user.id)).toEqual([bob.user.id]);
    expect(typingSeen(aliceOther).map((d) => d.user.id)).toEqual([bob.user.id]);
    for (const socket of [aliceSocket, aliceOther, bobPhone, bobLaptop]) socket.ws.close();
  });

  it('drops renewals within a second and a stop that hides nothing', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const aliceSocket = await openUserSocket(t.url, alice);
    const bobSocket = await openUserSocket(t.url, bob);
    aliceSocket.send(typing(conversationId, 'stopped'));
    for (let i = 0; i < 5; i += 1) aliceSocket.send(typing(conversationId, 'started'));
    aliceSocket.send(typing(conversationId, 'stopped'));
    aliceSocket.send(typing(conversationId, 'stopped'));
    // Relayed in the order sent: once stopped arrived, every frame before it was handled.
    await bobSocket.frame((f) => f.event?.type === 'typing' && typingSeen(bobSocket).length === 2);
    await drained(aliceSocket);
    await drained(bobSocket);
    expect(typingSeen(bobSocket).map((d) => d.state)).toEqual(['started', 'stopped']);
    // Nothing was refused: no error frame for the dropped ones.
    expect(refusals(aliceSocket)).toEqual([]);
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });

  it('is never stored: a socket resuming from before it gets the messages, not the typing', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const bobLive = await openUserSocket(t.url, bob);
    const since = bobLive.hello.head_position!;
    const aliceSocket = await openUserSocket(t.url, alice);
    aliceSocket.send(typing(conversationId, 'started'));
    await bobLive.frame((f) => f.event?.type === 'typing');
    const message = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'hi' } },
    });
    await bobLive.frame((f) => (f.event?.data as { id?: string })?.id === message.id);
    bobLive.ws.close();
    const resumed = await openUserSocket(t.url, bob, since);
    await resumed.frame((f) => (f.event?.data as { id?: string })?.id === message.id);
    await drained(resumed);
    expect(typingSeen(resumed)).toEqual([]);
    expect(resumed.frames.filter((f) => f.type === 'ephemeral')).toEqual([]);
    aliceSocket.ws.close();
    resumed.ws.close();
  });
});

describe('who typing reaches', () => {
  it('reaches every other member of a group', async () => {
    const owner = await registerUser(t.url, 'owner');
    const members = [await registerUser(t.url, 'm1'), await registerUser(t.url, 'm2')];
    for (const member of members) await befriend(owner, member);
    const group = await owner.client.createGroup({
      body: { name: 'Typists', member_ids: members.map((m) => m.user.id) },
    });
    const [ownerSocket, m1Socket, m2Socket] = await Promise.all(
      [owner, ...members].map((user) => openUserSocket(t.url, user)),
    );
    m1Socket!.send(typing(group.conversation_id, 'started'));
    for (const socket of [ownerSocket!, m2Socket!]) {
      await socket.frame((f) => f.event?.type === 'typing');
      expect(typingSeen(socket)).toMatchObject([
        { conversation_id: group.conversation_id, user: { id: members[0]!.user.id } },
      ]);
    }
    await drained(m1Socket!);
    expect(typingSeen(m1Socket!)).toEqual([]);
    for (const socket of [ownerSocket!, m1Socket!, m2Socket!]) socket.ws.close();
  });

  it('refuses a non-member with conversation.not_found, keeps the socket open and tells nobody', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const mallory = await registerUser(t.url, 'mallory');
    const bobSocket = await openUserSocket(t.url, bob);
    const mallorySocket = await openUserSocket(t.url, mallory);
    mallorySocket.send(typing(conversationId, 'started'));
    mallorySocket.send(typing('no-such-conversation', 'started'));
    await mallorySocket.frame(() => refusals(mallorySocket).length === 2);
    expect(refusals(mallorySocket).map((f) => f.error?.code)).toEqual([
      'conversation.not_found',
      'conversation.not_found',
    ]);
    // Still open: it is answered, and the conversation's members heard nothing.
    await drained(mallorySocket);
    const aliceSocket = await openUserSocket(t.url, alice);
    aliceSocket.send(typing(conversationId, 'started'));
    await bobSocket.frame((f) => f.event?.type === 'typing');
    expect(typingSeen(bobSocket).map((d) => d.user.id)).toEqual([alice.user.id]);
    for (const socket of [aliceSocket, bobSocket, mallorySocket]) socket.ws.close();
  });

  it('drops, silently, typing where a message would be refused: left, muted, no longer friends', async () => {
    const owner = await registerUser(t.url, 'owner');
    const [leaver, muted, watcher] = [
      await registerUser(t.url, 'leaver'),
      await registerUser(t.url, 'muted'),
      await registerUser(t.url, 'watcher'),
    ];
    for (const user of [leaver, muted, watcher]) await befriend(owner, user);
    const group = await owner.client.createGroup({
      body: { name: 'Quiet', member_ids: [leaver, muted, watcher].map((u) => u.user.id) },
    });
    await leaver.client.leaveGroup({ path: { group_id: group.id } });
    await owner.client.muteGroupMember({
      path: { group_id: group.id, user_id: muted.user.id },
      body: { duration_seconds: 3600 },
    });
    const { id: direct } = await owner.client.openDirectConversation({
      body: { user_id: watcher.user.id },
    });
    await watcher.client.deleteFriend({ path: { user_id: owner.user.id } });
    const [leaverSocket, mutedSocket, watcherSocket, ownerSocket] = await Promise.all(
      [leaver, muted, watcher, owner].map((user) => openUserSocket(t.url, user)),
    );
    leaverSocket!.send(typing(group.conversation_id, 'started'));
    mutedSocket!.send(typing(group.conversation_id, 'started'));
    ownerSocket!.send(typing(direct, 'started'));
    // A socket relays its frames in order: once a refusal of a later frame came back, the
    // earlier frame was relayed or dropped.
    const typers = [leaverSocket!, mutedSocket!, ownerSocket!];
    for (const socket of typers) socket.send(typing('no-such-conversation', 'started'));
    await Promise.all(typers.map((socket) => socket.frame(() => refusals(socket).length === 1)));
    await drained(watcherSocket!);
    expect(typingSeen(watcherSocket!)).toEqual([]);
    for (const socket of typers) {
      expect(refusals(socket).map((f) => f.error?.code)).toEqual(['conversation.not_found']);
    }
    // The owner may still type in the group.
    ownerSocket!.send(typing(group.conversation_id, 'started'));
    await watcherSocket!.frame((f) => f.event?.type === 'typing');
    expect(typingSeen(watcherSocket!)).toMatchObject([
      { conversation_id: group.conversation_id, user: { id: owner.user.id } },
    ]);
    for (const socket of [leaverSocket!, mutedSocket!, watcherSocket!, ownerSocket!]) {
      socket.ws.close();
    }
  });

  it('does not reach a member who blocked the typer, nor one the typer blocked', async () => {
    const owner = await registerUser(t.url, 'owner');
    const [blocker, blockedOne, bystander] = [
      await registerUser(t.url, 'blocker'),
      await registerUser(t.url, 'blockee'),
      await registerUser(t.url, 'bystander'),
    ];
    for (const user of [blocker, blockedOne, bystander]) await befriend(owner, user);
    const group = await owner.client.createGroup({
      body: {
        name: 'Frosty',
        member_ids: [blocker, blockedOne, bystander].map((u) => u.user.id),
      },
    });
    const now = new Date().toISOString();
    await t.server.services.db
      .insertInto('blocks')
      .values([
        { blocker_id: blocker.user.id, blocked_id: owner.user.id, created_at: now },
        { blocker_id: owner.user.id, blocked_id: blockedOne.user.id, created_at: now },
      ])
      .execute();
    const sockets = await Promise.all(
      [owner, blocker, blockedOne, bystander].map((user) => openUserSocket(t.url, user)),
    );
    const [ownerSocket, blockerSocket, blockedSocket, bystanderSocket] = sockets;
    ownerSocket!.send(typing(group.conversation_id, 'started'));
    await bystanderSocket!.frame((f) => f.event?.type === 'typing');
    await Promise.all([drained(blockerSocket!), drained(blockedSocket!)]);
    expect(typingSeen(blockerSocket!)).toEqual([]);
    expect(typingSeen(blockedSocket!)).toEqual([]);
    for (const socket of sockets) socket.ws.close();
  });
});
