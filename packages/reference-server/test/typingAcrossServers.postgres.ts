// Typing and presence between two servers on one PostgreSQL database and one Redis prefix (issue
// 10): a user on one server sees the typing and the presence of a friend connected to the other,
// carried by the Redis ephemeral channel. Runs under `npm run test:postgres` only.
import { beforeAll, describe, expect, it } from 'vitest';
import { presenceSeen, typingSeen } from './support/ephemeralFrames.js';
import { type ClusterServer, serverClusters } from './support/serverCluster.js';
import { openUserSocket, type UserSocket } from './support/userSockets.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

const clusters = serverClusters();
let a: ClusterServer;
let b: ClusterServer;
beforeAll(async () => {
  [a, b] = (await clusters.start(2)) as [ClusterServer, ClusterServer];
});

/**
 * The presence changes of `user` a socket has seen, a repeated state once (two processes that
 * each look again after a simultaneous close may both tell `offline`).
 */
const changesOf = (socket: UserSocket, user: TestUser) =>
  presenceSeen(socket)
    .filter((change) => change.user_id === user.user.id)
    .map((change) => change.presence)
    .filter((state, i, states) => state !== states[i - 1]);

/** How long an `offline` may take: a process that still saw another socket looks again 2 s later. */
const OFFLINE_WAIT_MS = 15_000;

describe('typing and presence across two servers', () => {
  it("shows a member's typing to a member connected to the other server", async () => {
    const alice = await registerUser(a.url, 'alice');
    const bob = await registerUser(a.url, 'bob');
    await befriend(alice, bob);
    const { id: conversationId } = await alice.client.openDirectConversation({
      body: { user_id: bob.user.id },
    });
    const bobOnB = await openUserSocket(b.url, bob);
    const bobOnA = await openUserSocket(a.url, bob);
    const aliceOnA = await openUserSocket(a.url, alice);
    aliceOnA.send({ type: 'typing', conversation_id: conversationId, state: 'started' });
    for (const socket of [bobOnB, bobOnA]) {
      await socket.frame((f) => f.event?.type === 'typing');
      expect(typingSeen(socket)).toMatchObject([
        { conversation_id: conversationId, user: { id: alice.user.id }, state: 'started' },
      ]);
    }
    aliceOnA.send({ type: 'typing', conversation_id: conversationId, state: 'stopped' });
    await bobOnB.frame(() => typingSeen(bobOnB).length === 2);
    expect(typingSeen(bobOnB).map((d) => d.state)).toEqual(['started', 'stopped']);
    for (const socket of [bobOnA, bobOnB, aliceOnA]) socket.ws.close();
  });

  it('tells a friend on the other server when a user comes online and when they are gone from both', async () => {
    const alice = await registerUser(a.url, 'alice');
    const bob = await registerUser(b.url, 'bob');
    await befriend(alice, bob);
    const bobOnB = await openUserSocket(b.url, bob);
    const aliceOnA = await openUserSocket(a.url, alice);
    await bobOnB.frame(() => changesOf(bobOnB, alice).length === 1);
    expect(changesOf(bobOnB, alice)).toEqual(['online']);
    // Alice also on B: still one online. Leaving A while on B: not offline.
    const aliceOnB = await openUserSocket(b.url, alice);
    aliceOnA.ws.close();
    await aliceOnA.closed;
    aliceOnB.ws.close();
    await bobOnB.frame(() => changesOf(bobOnB, alice).length === 2, OFFLINE_WAIT_MS);
    expect(changesOf(bobOnB, alice)).toEqual(['online', 'offline']);
    // Both servers read the same last-seen time: the latest one told.
    const told = presenceSeen(bobOnB)
      .filter((c) => c.presence === 'offline')
      .map((c) => c.last_seen_at!)
      .sort();
    for (const server of [a, b]) {
      const recorded = await server.server.services.presence.lastSeenAmong([alice.user.id]);
      expect(recorded.get(alice.user.id)).toBe(told.at(-1));
    }
    bobOnB.ws.close();
  });

  it('tells offline when devices on both servers close at the same moment', async () => {
    const alice = await registerUser(a.url, 'alice');
    const bob = await registerUser(b.url, 'bob');
    await befriend(alice, bob);
    const bobOnB = await openUserSocket(b.url, bob);
    const aliceOnA = await openUserSocket(a.url, alice);
    const aliceOnB = await openUserSocket(b.url, alice);
    await bobOnB.frame(() => changesOf(bobOnB, alice).length === 1);
    aliceOnA.ws.close();
    aliceOnB.ws.close();
    // Each server may still see the other's socket; the one that does looks again later.
    await bobOnB.frame(() => changesOf(bobOnB, alice).includes('offline'), OFFLINE_WAIT_MS);
    expect(changesOf(bobOnB, alice)).toEqual(['online', 'offline']);
    bobOnB.ws.close();
  });
});
