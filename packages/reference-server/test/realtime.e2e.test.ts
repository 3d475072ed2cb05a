import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from './support/collect.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, friendsWithConversation, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ maxResumeBacklog: 30 });
});
afterAll(() => t.close());

const text = (value: string) => ({ type: 'text' as const, text: value });

describe('realtime delivery', () => {
  it('loses nothing and repeats nothing when the socket drops mid-burst', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const realtime = bob.client.realtime({ reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    const received: string[] = [];
    const reconnects: number[] = [];
    realtime.on('message.created', (message) => received.push(message.id));
    realtime.on('reconnecting', ({ attempt }) => reconnects.push(attempt));
    await realtime.connect();
    const sent: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      if (i === 8 || i === 17) {
        // Drop only an open socket, so the second drop is a second reconnect, not part of the first.
        await waitFor(() => realtime.state === 'open', 5000, 'the socket to be open');
        t.server.services.hub.disconnectUser(bob.user.id);
      }
      const message = await alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text(`burst ${i}`) },
      });
      sent.push(message.id);
    }
    await waitFor(() => received.length >= sent.length, 10_000, 'every burst message');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reconnects.length).toBeGreaterThanOrEqual(2);
    expect(received).toEqual(sent);
    realtime.close();
  });

  it('resumes from a stored position after the client restarts', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const first = bob.client.realtime();
    const seen: number[] = [];
    first.on('event', (_event, { position }) => seen.push(position));
    await first.connect();
    await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('before restart') },
    });
    await waitFor(() => seen.length === 1, 5000, 'the first event');
    first.close();
    const missed = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('while away') },
    });
    const second = bob.client.realtime({ since: seen[0] });
    const replayed: string[] = [];
    second.on('message.created', (message) => replayed.push(message.id));
    await second.connect();
    await waitFor(() => replayed.length === 1, 5000, 'the missed message');
    expect(replayed).toEqual([missed.id]);
    second.close();
  });

  it('pushes friend requests to the recipient', async () => {
    const a = await registerUser(t.url, 'rq');
    const b = await registerUser(t.url, 'rr');
    const realtime = b.client.realtime();
    const requests: string[] = [];
    realtime.on('friend_request.created', (request) => requests.push(request.from.id));
    await realtime.connect();
    await befriend(a, b);
    await waitFor(() => requests.length === 1, 5000, 'the friend request event');
    expect(requests).toEqual([a.user.id]);
    realtime.close();
  });

  it('tells a client that is too far behind to resync', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    for (let i = 0; i < 35; i += 1) {
      await alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text(`old ${i}`) },
      });
    }
    const realtime = bob.client.realtime({ since: 0 });
    const resyncs: number[] = [];
    const live: string[] = [];
    realtime.on('resync', ({ head_position }) => resyncs.push(head_position));
    realtime.on('message.created', (message) => live.push(message.id));
    await realtime.connect();
    await waitFor(() => resyncs.length === 1, 5000, 'the resync error');
    const fresh = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('after resync') },
    });
    await waitFor(() => live.length === 1, 5000, 'the live message after resync');
    expect(live).toEqual([fresh.id]);
    realtime.close();
  });

  it('closes a socket whose first frame is not a valid auth frame', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/realtime`);
    const frames: { type: string; error?: { code: string } }[] = [];
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'auth', access_token: 'not-a-token' })),
    );
    expect(await closed).toBe(4401);
    expect(frames[0]).toMatchObject({ type: 'error', error: { code: 'realtime.unauthenticated' } });
  });
});
