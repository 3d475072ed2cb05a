import { newClientMessageId } from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Burst, type SendPlan } from './burst.js';
import { Cluster } from './Cluster.js';
import {
  type ClusterUser,
  connectReceiver,
  directConversation,
  type Receiver,
  registerClusterUser,
  takeClusterViolations,
} from './clusterClients.js';
import { cleanReport, deliveryReport, waitForDeliveries } from './deliveryReport.js';
import { waitUntil } from './waitUntil.js';

/** How long receivers may take to get every acknowledged message after a burst, in ms. */
const DELIVERY_TIMEOUT_MS = 30_000;

let cluster: Cluster;
let failed = false;
const receivers: Receiver[] = [];

beforeAll(async () => {
  cluster = await Cluster.start(3);
}, 120_000);

afterEach(() => {
  expect(takeClusterViolations()).toEqual([]);
});

afterAll(async () => {
  for (const receiver of receivers) receiver.realtime.close();
  const keep = failed || process.env.IMKIT_TEST_KEEP_LOGS === '1';
  await cluster?.close(keep);
  if (keep) console.error(`multi-process test: logs kept in ${cluster?.dir}`);
}, 60_000);

/** The base URLs of the three processes, bypassing nginx. */
const direct = () => cluster.processes.map((process) => process.url);

async function receiverOf(user: ClusterUser, first: string, then?: string): Promise<Receiver> {
  const receiver = await connectReceiver(user, first, then);
  receivers.push(receiver);
  return receiver;
}

/** The health report of one process. */
async function health(url: string): Promise<{ status: number; redis?: string }> {
  const response = await fetch(`${url}/health`).catch(() => undefined);
  if (!response) return { status: 0 };
  const body = (await response.json()) as { checks?: { redis?: string } };
  return { status: response.status, redis: body.checks?.redis };
}

/**
 * `count` senders, each in a direct conversation with one of `receiverUsers` (in turn).
 * @returns the senders' plans (routes from `route`) and each receiver user's conversations.
 */
async function conversationsWith(
  receiverUsers: ClusterUser[],
  count: number,
  route: (sender: number) => SendPlan['route'],
): Promise<{ plans: SendPlan[]; conversationsOf: Map<ClusterUser, Set<string>> }> {
  const conversationsOf = new Map(receiverUsers.map((user) => [user, new Set<string>()]));
  const plans: SendPlan[] = [];
  for (let sender = 0; sender < count; sender += 1) {
    const user = await registerClusterUser(cluster.url, 'snd');
    const receiverUser = receiverUsers[sender % receiverUsers.length]!;
    const conversationId = await directConversation(user, receiverUser, direct());
    conversationsOf.get(receiverUser)!.add(conversationId);
    plans.push({ sender: user, conversationId, route: route(sender) });
  }
  return { plans, conversationsOf };
}

/**
 * Waits (bounded) for every receiver to get every acknowledged message; then sends one more
 * message per conversation and waits for those too, so a late duplicate of an earlier message
 * would have arrived before them; then checks each receiver's report.
 */
async function expectEveryMessageOnce(
  burst: Burst,
  watched: { receiver: Receiver; conversations: Set<string> }[],
): Promise<void> {
  const missing = await waitForDeliveries(watched, burst.acknowledged, DELIVERY_TIMEOUT_MS);
  const complete = [...missing.values()].every((list) => list.length === 0);
  if (complete) {
    await burst.sendOneEach(cluster.url, 'last');
    await waitForDeliveries(watched, burst.acknowledged, DELIVERY_TIMEOUT_MS);
  }
  for (const { receiver, conversations } of watched) {
    const report = deliveryReport(
      receiver,
      burst.acknowledged,
      conversations,
      missing.get(receiver)!,
    );
    expect(report).toEqual(cleanReport(report));
  }
}

describe('three server processes on one PostgreSQL and one Redis, behind nginx', () => {
  it('lets users connected to different processes chat live', async () => {
    onTestFailed(() => {
      failed = true;
    });
    const [one, two, three] = direct() as [string, string, string];
    const alice = await registerClusterUser(cluster.url, 'alice');
    const bob = await registerClusterUser(cluster.url, 'bob');
    const conversationId = await directConversation(alice, bob, direct());
    const onOne = await receiverOf(alice, one);
    const onTwo = await receiverOf(bob, two);
    const text = (value: string) => ({ type: 'text' as const, text: value });
    const hello = await alice.via(three).sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('hello from 3') },
    });
    await waitUntil(
      () => onTwo.delivered.some((message) => message.id === hello.id),
      10_000,
      () =>
        `bob (socket on process 2) did not get alice's message sent on process 3: got ${onTwo.delivered.length} messages`,
    );
    const reply = await bob.via(two).sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('reply from 2') },
    });
    await waitUntil(
      () => onOne.delivered.some((message) => message.id === reply.id),
      10_000,
      () =>
        `alice (socket on process 1) did not get bob's reply sent on process 2: got ${onOne.delivered.length} messages`,
    );
    for (const receiver of [onOne, onTwo]) {
      expect(receiver.delivered.map((message) => message.id)).toEqual([hello.id, reply.id]);
    }
  }, 60_000);

  it('delivers a burst sent on two processes to a receiver pinned to the third: each acknowledged message once, in order', async () => {
    onTestFailed(() => {
      failed = true;
    });
    const [one, two, three] = direct() as [string, string, string];
    const user = await registerClusterUser(cluster.url, 'pinned');
    // Consecutive messages of one conversation are written by different processes.
    const { plans, conversationsOf } = await conversationsWith(
      [user],
      4,
      (sender) => (index) => ((index + sender) % 2 === 0 ? two : three),
    );
    const pinned = await receiverOf(user, one);
    const burst = new Burst(plans, 40);
    await burst.run();
    await expectEveryMessageOnce(burst, [
      { receiver: pinned, conversations: conversationsOf.get(user)! },
    ]);
    expect(pinned.socketUrls).toEqual([one]);
  }, 120_000);

  it('loses nothing when Redis is restarted mid-burst: the processes keep serving and catch up from PostgreSQL', async () => {
    onTestFailed(() => {
      failed = true;
    });
    const urls = direct();
    const users = await Promise.all(urls.map((_, i) => registerClusterUser(cluster.url, `rr${i}`)));
    const { plans, conversationsOf } = await conversationsWith(
      users,
      6,
      (sender) => (index) => urls[(sender + 1 + index) % urls.length]!,
    );
    const watched = await Promise.all(
      users.map(async (user, i) => ({
        receiver: await receiverOf(user, urls[i]!, cluster.url),
        conversations: conversationsOf.get(user)!,
      })),
    );
    const burst = new Burst(plans, 40);
    const sending = burst.run();
    const acks = () => burst.acknowledged.length;

    await waitUntil(
      () => acks() >= 60,
      30_000,
      () => `only ${acks()} sends acknowledged before Redis was killed`,
    );
    await cluster.redis.kill();
    const atKill = acks();
    await waitUntil(
      async () => (await health(urls[0]!)).redis === 'down',
      10_000,
      () => 'process 1 never reported Redis down on GET /health',
    );
    expect((await health(urls[0]!)).status).toBe(200);
    await waitUntil(
      () => acks() >= atKill + 60,
      30_000,
      () =>
        `only ${acks() - atKill} sends acknowledged while Redis was down (the processes should keep serving)`,
    );
    const whileDown = acks() - atKill;
    await cluster.redis.start();
    await sending;
    await waitUntil(
      async () => (await Promise.all(urls.map(health))).every((answer) => answer.redis === 'up'),
      20_000,
      () => 'not every process reported Redis up again on GET /health',
    );
    expect(acks()).toBe(240);
    await expectEveryMessageOnce(burst, watched);
    console.info(
      `Redis restart: ${atKill} sends acknowledged before the kill, ${whileDown} while Redis was down, 240 in all (${burst.retries} retried)`,
    );
  }, 180_000);

  it('loses nothing and repeats nothing when one process is killed with SIGKILL mid-burst: its clients resume on the others', async () => {
    onTestFailed(() => {
      failed = true;
    });
    const [one, two] = direct() as [string, string, string];
    const users = await Promise.all(
      [0, 1, 2].map((i) => registerClusterUser(cluster.url, `kk${i}`)),
    );
    // A third of the sends go straight to the process that dies (their retries through nginx).
    const { plans, conversationsOf } = await conversationsWith(
      users,
      6,
      () => (index, attempt) => (index % 3 === 0 && attempt === 0 ? one : cluster.url),
    );
    const onDoomed = await receiverOf(users[0]!, one, cluster.url);
    const onTwo = await receiverOf(users[1]!, two, cluster.url);
    const viaNginx = await receiverOf(users[2]!, cluster.url);
    const watched = [onDoomed, onTwo, viaNginx].map((receiver) => ({
      receiver,
      conversations: conversationsOf.get(receiver.user)!,
    }));
    const burst = new Burst(plans, 40);
    const sending = burst.run();
    const acks = () => burst.acknowledged.length;

    await waitUntil(
      () => acks() >= 80,
      30_000,
      () => `only ${acks()} sends acknowledged before the kill`,
    );
    const atKill = acks();
    const exit = await cluster.processes[0]!.process.stop('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    await waitUntil(
      () => onDoomed.socketUrls.length >= 2 && onDoomed.realtime.state === 'open',
      15_000,
      () =>
        `the client of the killed process did not reconnect through nginx (sockets: ${onDoomed.socketUrls.join(', ')}, state ${onDoomed.realtime.state})`,
    );
    await sending;
    expect(acks()).toBe(240);
    await expectEveryMessageOnce(burst, watched);
    expect(onDoomed.reconnects).toBeGreaterThanOrEqual(1);
    console.info(
      `SIGKILL: ${atKill} sends acknowledged before the kill, 240 in all, ${burst.retries} attempts retried; the killed process's client reconnected ${onDoomed.reconnects} time(s) (${onDoomed.socketUrls.join(' -> ')})`,
    );
  }, 180_000);
});
