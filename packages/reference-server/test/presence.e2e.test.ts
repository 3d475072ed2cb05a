// Presence (issue 10): `presence.updated` ephemeral events to a user's friends when the user
// comes online (first socket) or goes offline (last socket closed, with last_seen_at), and to
// nobody else: not to strangers, not across a block either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drained, presenceSeen } from './support/ephemeralFrames.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket, type UserSocket } from './support/userSockets.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The presence changes of `user` a socket has seen, as `online` / `offline`. */
const changesOf = (socket: UserSocket, user: TestUser) =>
  presenceSeen(socket)
    .filter((change) => change.user_id === user.user.id)
    .map((change) => change.presence);

/** Waits until `socket` has seen `count` presence changes of `user`. */
async function seen(socket: UserSocket, user: TestUser, count: number): Promise<void> {
  await socket.frame(() => changesOf(socket, user).length >= count);
}

describe('presence.updated', () => {
  it('tells friends when a user comes online and when their last device goes offline', async () => {
    const alice = await registerUser(t.url, 'alice');
    const bob = await registerUser(t.url, 'bob');
    const stranger = await registerUser(t.url, 'stranger');
    await befriend(alice, bob);
    const bobSocket = await openUserSocket(t.url, bob);
    const strangerSocket = await openUserSocket(t.url, stranger);

    const before = Date.now();
    const phone = await openUserSocket(t.url, alice);
    await seen(bobSocket, alice, 1);
    expect(presenceSeen(bobSocket)).toEqual([
      { user_id: alice.user.id, presence: 'online', last_seen_at: null },
    ]);
    // A second device changes nothing; closing one of the two changes nothing either.
    const laptop = await openUserSocket(t.url, alice);
    phone.ws.close();
    await phone.closed;
    laptop.ws.close();
    await seen(bobSocket, alice, 2);
    const offline = presenceSeen(bobSocket)[1]!;
    expect(offline).toMatchObject({ user_id: alice.user.id, presence: 'offline' });
    const lastSeen = Date.parse(offline.last_seen_at!);
    expect(lastSeen).toBeGreaterThanOrEqual(before - 1000);
    expect(lastSeen).toBeLessThanOrEqual(Date.now() + 1000);
    expect(changesOf(bobSocket, alice)).toEqual(['online', 'offline']);

    // Back online: told again; the stranger was never told anything.
    const again = await openUserSocket(t.url, alice);
    await seen(bobSocket, alice, 3);
    expect(changesOf(bobSocket, alice)).toEqual(['online', 'offline', 'online']);
    await drained(strangerSocket);
    expect(presenceSeen(strangerSocket)).toEqual([]);
    // Alice is told of bob and nobody else (bob was online before she came: she lists friends).
    expect(presenceSeen(again)).toEqual([]);
    for (const socket of [again, bobSocket, strangerSocket]) socket.ws.close();
  });

  it('tells a friend who came online, and the user coming online sees their friends come and go', async () => {
    const alice = await registerUser(t.url, 'alice');
    const bob = await registerUser(t.url, 'bob');
    await befriend(alice, bob);
    const aliceSocket = await openUserSocket(t.url, alice);
    const bobSocket = await openUserSocket(t.url, bob);
    await seen(aliceSocket, bob, 1);
    bobSocket.ws.close();
    await seen(aliceSocket, bob, 2);
    expect(changesOf(aliceSocket, bob)).toEqual(['online', 'offline']);
    // Bob's socket saw nothing of his own presence.
    expect(presenceSeen(bobSocket).filter((c) => c.user_id === bob.user.id)).toEqual([]);
    aliceSocket.ws.close();
  });

  it('is not sent between two users when either blocked the other', async () => {
    const alice = await registerUser(t.url, 'alice');
    const [blocker, blockedOne, friend] = [
      await registerUser(t.url, 'blocker'),
      await registerUser(t.url, 'blockee'),
      await registerUser(t.url, 'friend'),
    ];
    for (const user of [blocker, blockedOne, friend]) await befriend(alice, user);
    const now = new Date().toISOString();
    await t.server.services.db
      .insertInto('blocks')
      .values([
        { blocker_id: blocker.user.id, blocked_id: alice.user.id, created_at: now },
        { blocker_id: alice.user.id, blocked_id: blockedOne.user.id, created_at: now },
      ])
      .execute();
    const sockets = await Promise.all(
      [blocker, blockedOne, friend].map((user) => openUserSocket(t.url, user)),
    );
    const [blockerSocket, blockedSocket, friendSocket] = sockets as [
      UserSocket,
      UserSocket,
      UserSocket,
    ];
    const aliceSocket = await openUserSocket(t.url, alice);
    await seen(friendSocket, alice, 1);
    aliceSocket.ws.close();
    await seen(friendSocket, alice, 2);
    await Promise.all([drained(blockerSocket), drained(blockedSocket)]);
    expect(changesOf(blockerSocket, alice)).toEqual([]);
    expect(changesOf(blockedSocket, alice)).toEqual([]);
    for (const socket of sockets) socket.ws.close();
  });

  it('records when a user was last seen', async () => {
    const alice = await registerUser(t.url, 'alice');
    const bob = await registerUser(t.url, 'bob');
    await befriend(alice, bob);
    const bobSocket = await openUserSocket(t.url, bob);
    const aliceSocket = await openUserSocket(t.url, alice);
    aliceSocket.ws.close();
    await seen(bobSocket, alice, 2);
    const told = presenceSeen(bobSocket).find((c) => c.presence === 'offline')!;
    const recorded = await t.server.services.presence.lastSeenAmong([alice.user.id, bob.user.id]);
    expect(Object.fromEntries(recorded)).toEqual({ [alice.user.id]: told.last_seen_at });
    bobSocket.ws.close();
  });

  it('shows in friend lists as presence and last seen, neither across a block', async () => {
    const alice = await registerUser(t.url, 'alice');
    const [bob, carol] = [await registerUser(t.url, 'bob'), await registerUser(t.url, 'carol')];
    await befriend(alice, bob);
    await befriend(alice, carol);
    await carol.client.blockUser({ body: { user_id: alice.user.id } });
    const aliceSocket = await openUserSocket(t.url, alice);
    const friendsOfAlice = async () =>
      Object.fromEntries(
        (await alice.client.listFriends()).items.map((f) => [
          f.user.id === bob.user.id ? 'bob' : 'carol',
          [f.presence, f.last_seen_at],
        ]),
      );
    const bobSocket = await openUserSocket(t.url, bob);
    const carolSocket = await openUserSocket(t.url, carol);
    await seen(aliceSocket, bob, 1);
    expect(await friendsOfAlice()).toEqual({ bob: ['online', null], carol: ['offline', null] });

    bobSocket.ws.close();
    carolSocket.ws.close();
    await seen(aliceSocket, bob, 2);
    const told = presenceSeen(aliceSocket).find((c) => c.presence === 'offline')!;
    expect(await friendsOfAlice()).toEqual({
      bob: ['offline', told.last_seen_at],
      carol: ['offline', null],
    });
    const detail = await alice.client.getFriend({ path: { user_id: bob.user.id } });
    expect(detail.last_seen_at).toBe(told.last_seen_at);
    aliceSocket.ws.close();
  });
});
