// Two server processes' worth of servers (in one test process) on one PostgreSQL database and
// one Redis prefix: what the multi-process deployment relies on, checked quickly and precisely.
// Runs under `npm run test:postgres` only (vitest.postgres.config.ts).
import { newClientMessageId } from '@imkit/sdk';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { authenticatedRealtime, closeWithin } from './support/rawRealtime.js';
import { type ClusterServer, serverClusters } from './support/serverCluster.js';
import { befriend, newClient, registerUser, type TestUser } from './support/users.js';

type Running = ClusterServer;

const clusters = serverClusters();
/** Starts `count` servers on one fresh store (database and Redis prefix). */
const startCluster = clusters.start;

/** The same user logged in on another server (another session). */
async function on(url: string, user: TestUser): Promise<TestUser> {
  const client = newClient(url);
  await client.login({ body: { login: user.username, password: user.password } });
  return { ...user, client };
}

const text = (value: string) => ({ type: 'text' as const, text: value });

let a: Running;
let b: Running;
beforeAll(async () => {
  [a, b] = (await startCluster(2)) as [Running, Running];
});

describe('two servers on one PostgreSQL and one Redis', () => {
  it('delivers sends from both servers to a socket on one of them: each once, in position order', async () => {
    const alice = await registerUser(a.url, 'alice');
    const bob = await registerUser(a.url, 'bob');
    await befriend(alice, bob);
    const { id: conversationId } = await alice.client.openDirectConversation({
      body: { user_id: bob.user.id },
    });
    const aliceOnB = await on(b.url, alice);
    const bobOnB = await on(b.url, bob);
    const realtime = bobOnB.client.realtime();
    const received: { id: string; position: number }[] = [];
    realtime.on('message.created', (message, { position }) =>
      received.push({ id: message.id, position }),
    );
    await realtime.connect();

    const acknowledged: string[] = [];
    const sender = async (user: TestUser, worker: string) => {
      for (let i = 0; i < 20; i++) {
        const message = await user.client.sendMessage({
          path: { conversation_id: conversationId },
          body: { client_message_id: newClientMessageId(), content: text(`${worker} ${i}`) },
        });
        acknowledged.push(message.id);
      }
    };
    await Promise.all([sender(alice, 'a1'), sender(alice, 'a2'), sender(aliceOnB, 'b1')]);
    await waitFor(() => received.length >= 60, 10_000, 'all 60 messages on the socket');
    realtime.close();

    expect(received.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
    const positions = received.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(positions.length);

    // History agrees with the socket: the conversation's order is the stream's order.
    const history: string[] = [];
    for await (const m of bob.client.iterateMessages(conversationId, { limit: 25 }))
      history.push(m.id);
    expect(history.reverse()).toEqual(received.map((r) => r.id));
  });

  it('hands out gapless stream positions from concurrent writers on both servers', async () => {
    const users = await Promise.all([0, 1, 2, 3].map((i) => registerUser(i % 2 ? a.url : b.url)));
    await Promise.all([
      befriend(users[0]!, users[1]!),
      befriend(users[2]!, users[3]!),
      befriend(users[1]!, users[2]!),
    ]);
    const db = a.server.services.db;
    const row = await db
      .selectFrom('events')
      .select([sql<number>`count(*)`.as('count'), sql<number>`max(position)`.as('max')])
      .executeTakeFirstOrThrow();
    const head = await db.selectFrom('stream_head').select('position').executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(Number(row.max));
    expect(Number(head.position)).toBe(Number(row.max));
  });

  it('replays from a position on the other server exactly what followed it', async () => {
    const alice = await registerUser(a.url, 'ra');
    const bob = await registerUser(b.url, 'rb');
    await befriend(alice, bob);
    const { id: conversationId } = await alice.client.openDirectConversation({
      body: { user_id: bob.user.id },
    });
    const live = bob.client.realtime();
    const seen: { id: string; position: number }[] = [];
    live.on('message.created', (message, { position }) => seen.push({ id: message.id, position }));
    await live.connect();
    for (let i = 0; i < 10; i++) {
      await alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text(`r${i}`) },
      });
    }
    await waitFor(() => seen.length === 10, 10_000, 'ten live messages');
    live.close();

    const bobOnA = await on(a.url, bob);
    const resumed = bobOnA.client.realtime({ since: seen[3]!.position });
    const replayed: string[] = [];
    resumed.on('message.created', (message) => replayed.push(message.id));
    await resumed.connect();
    await waitFor(() => replayed.length >= 6, 10_000, 'the six messages after the position');
    resumed.close();
    expect(replayed).toEqual(seen.slice(4).map((s) => s.id));
  });

  it('closes a session’s sockets on the other server when it logs out', async () => {
    const carol = await registerUser(a.url, 'carol');
    const socket = await authenticatedRealtime(b.url, (await carol.client.getAccessToken())!);
    await carol.client.logout();
    expect(await closeWithin(socket, 2000)).toBe(4403);
  });

  it('shows a friend connected to the other server as online', async () => {
    const dave = await registerUser(a.url, 'dave');
    const erin = await registerUser(a.url, 'erin');
    await befriend(dave, erin);
    const erinOnB = await on(b.url, erin);
    const presence = async () => (await dave.client.listFriends()).items[0]?.presence;
    expect(await presence()).toBe('offline');
    const realtime = erinOnB.client.realtime();
    await realtime.connect();
    expect(await presence()).toBe('online');
    realtime.close();
  });
});

describe('races between the two servers', () => {
  it('gives one message for the same client_message_id sent to both servers at once', async () => {
    const alice = await registerUser(a.url, 'race');
    const bob = await registerUser(a.url, 'raceb');
    await befriend(alice, bob);
    const { id: conversationId } = await alice.client.openDirectConversation({
      body: { user_id: bob.user.id },
    });
    const aliceOnB = await on(b.url, alice);
    for (let round = 0; round < 5; round++) {
      const body = { client_message_id: newClientMessageId(), content: text(`once ${round}`) };
      const answers = await Promise.all(
        [alice, aliceOnB, alice, aliceOnB].map((user) =>
          user.client.sendMessage({ path: { conversation_id: conversationId }, body }),
        ),
      );
      expect(new Set(answers.map((m) => m.id)).size).toBe(1);
    }
    const page = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(page.items).toHaveLength(5);
  });

  it('opens one direct conversation when both servers are asked at once', async () => {
    const alice = await registerUser(a.url, 'open');
    const bob = await registerUser(b.url, 'openb');
    await befriend(alice, bob);
    const bobOnA = await on(a.url, bob);
    const opened = await Promise.all([
      alice.client.openDirectConversation({ body: { user_id: bob.user.id } }),
      bob.client.openDirectConversation({ body: { user_id: alice.user.id } }),
      bobOnA.client.openDirectConversation({ body: { user_id: alice.user.id } }),
    ]);
    expect(new Set(opened.map((c) => c.id)).size).toBe(1);
  });
});

describe('limits shared through Redis', () => {
  it('counts one client’s registrations on both servers against one limit', async () => {
    const [c, d] = (await startCluster(2, { rateLimitScale: 1 })) as [Running, Running];
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${i % 2 ? c.url : d.url}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: `lim${i}_${process.pid % 1000}`,
          password: 'correct horse battery',
        }),
      });
      statuses.push(response.status);
    }
    // The spec allows 10 registrations a minute per address: not 10 per server.
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('two servers whose Redis is unreachable', () => {
  it('still deliver across servers, read back from the database', async () => {
    const [c, d] = (await startCluster(2, { redisUrl: 'redis://127.0.0.1:9' })) as [
      Running,
      Running,
    ];
    const alice = await registerUser(c.url, 'na');
    const bob = await registerUser(c.url, 'nb');
    await befriend(alice, bob);
    const { id: conversationId } = await alice.client.openDirectConversation({
      body: { user_id: bob.user.id },
    });
    const bobOnD = await on(d.url, bob);
    const realtime = bobOnD.client.realtime();
    const received: string[] = [];
    realtime.on('message.created', (message) => received.push(message.id));
    await realtime.connect();
    const sent = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('no redis') },
    });
    await waitFor(() => received.length === 1, 5000, 'the message on the other server');
    expect(received).toEqual([sent.id]);
    const health = await fetch(`${d.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ checks: { database: 'up', redis: 'down' } });
    realtime.close();
  });
});
