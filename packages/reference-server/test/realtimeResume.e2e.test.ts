import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { authenticatedRealtime, closeWithin } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const text = (value: string) => ({ type: 'text' as const, text: value });

/** Sends `count` messages, a few at a time; resolves with their ids in order. */
async function sendMany(from: TestUser, conversationId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
      from.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text(`m${i + j}`) },
      }),
    );
    ids.push(...(await Promise.all(batch)).map((message) => message.id));
  }
  return ids;
}

const token = async (user: TestUser) => (await user.client.getAccessToken())!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe('resume', () => {
  it('replays a backlog longer than one batch in order, each event once', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendMany(alice, conversationId, 250);
    const socket = await authenticatedRealtime(t.url, await token(bob), { since: 0 });
    const messages = () =>
      socket.frames.filter(
        (frame) => frame.type === 'event' && frame.event?.type === 'message.created',
      );
    await waitFor(() => messages().length >= 250, 10_000, 'the backlog');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(messages()).toHaveLength(250);
    const positions = socket.frames.flatMap((frame) => frame.position ?? []);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    socket.ws.close();
  });

  it('answers a resume that arrives while another replays with resume_in_progress (issue 6 #2)', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendMany(alice, conversationId, 20);
    const socket = await authenticatedRealtime(t.url, await token(bob), { since: 0 });
    socket.send({ type: 'resume', since: 0 });
    socket.send({ type: 'resume', since: 0 });
    const answer = await socket.frame((frame) => frame.type === 'error');
    expect(answer.error).toMatchObject({ code: 'realtime.resume_in_progress' });
    expect(socket.closeCode()).toBeUndefined();
    socket.ws.close();
  });

  it('closes a resume flood and keeps other users and /health responsive (issue 6 #2)', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendMany(alice, conversationId, 300);
    const others = await friendsWithConversation(t.url);
    const live = others.bob.client.realtime();
    const arrived = new Map<string, number>();
    live.on('message.created', (message) => arrived.set(message.id, performance.now()));
    await live.connect();
    const flooder = await authenticatedRealtime(t.url, await token(bob), { since: 0 });
    const health: number[] = [];
    const delivery: number[] = [];
    const flood = JSON.stringify({ type: 'resume', since: 0 });
    for (let i = 0; i < 2000; i += 1) flooder.send(flood);
    for (let i = 0; i < 20; i += 1) {
      const start = performance.now();
      await fetch(`${t.url}/health`);
      health.push(performance.now() - start);
      const [id] = await sendMany(others.alice, others.conversationId, 1);
      await waitFor(() => arrived.has(id!), 10_000, 'the live message');
      delivery.push(arrived.get(id!)! - start);
    }
    expect(await closeWithin(flooder, 5000)).toBe(4429);
    expect(percentile(health, 0.99)).toBeLessThan(1000);
    expect(percentile(delivery, 0.99)).toBeLessThan(1000);
    live.close();
  });
});
