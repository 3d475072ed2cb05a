import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { authenticatedRealtime } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const token = async (user: TestUser) => (await user.client.getAccessToken())!;

function send(from: TestUser, conversationId: string, text: string) {
  return from.client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
  });
}

describe('resuming by device cursor', () => {
  it('tells a device without a stored ack to resync instead of starting silently from now (issue 6 #4)', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await send(alice, conversationId, 'sent before the device ever connected');
    const realtime = bob.client.realtime({ deviceId: 'new-phone' });
    const resyncs: number[] = [];
    realtime.on('resync', ({ head_position }) => resyncs.push(head_position));
    const hello = await realtime.connect();
    expect(hello.resume_from).toBeNull();
    await waitFor(() => resyncs.length === 1, 5000, 'the resync signal');
    expect(resyncs).toEqual([hello.head_position]);
    realtime.close();
  });

  it('tells a socket with neither since nor device_id to resync (issue 6 #4)', async () => {
    const { bob } = await friendsWithConversation(t.url);
    const socket = await authenticatedRealtime(t.url, await token(bob));
    const signal = await socket.frame((frame) => frame.type === 'error');
    expect(signal).toMatchObject({
      error: { code: 'realtime.resync_required' },
      head_position: socket.hello.head_position,
    });
    socket.ws.close();
  });

  it('resumes a device after its stored ack, without a resync signal', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const first = await authenticatedRealtime(t.url, await token(bob), { device_id: 'tablet' });
    await send(alice, conversationId, 'seen');
    const seen = await first.frame((frame) => frame.type === 'event');
    first.send({ type: 'ack', position: seen.position });
    first.ws.terminate();
    const missed = await send(alice, conversationId, 'missed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await authenticatedRealtime(t.url, await token(bob), { device_id: 'tablet' });
    expect(second.hello.resume_from).toBe(seen.position);
    const replayed = await second.frame((frame) => frame.type === 'event');
    expect(replayed).toMatchObject({ event: { data: { id: missed.id } } });
    expect(second.frames.filter((frame) => frame.type === 'error')).toEqual([]);
    second.ws.close();
  });

  it('stores the newest of several acks sent just before an abrupt drop (issue 6 #4)', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const first = await authenticatedRealtime(t.url, await token(bob), { device_id: 'watch' });
    for (let i = 0; i < 5; i += 1) await send(alice, conversationId, `m${i}`);
    await waitFor(() => first.frames.filter((f) => f.type === 'event').length === 5);
    const positions = first.frames.flatMap((frame) => frame.position ?? []);
    for (const position of positions) first.send({ type: 'ack', position });
    first.ws.terminate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await authenticatedRealtime(t.url, await token(bob), { device_id: 'watch' });
    expect(second.hello.resume_from).toBe(positions.at(-1));
    second.ws.close();
  });

  it('keeps the ack of an event whose socket dropped before the ack went out (issue 6 #4)', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const realtime = bob.client.realtime({
      deviceId: 'laptop',
      reconnect: { initialDelayMs: 20, maxDelayMs: 50 },
    });
    const positions: number[] = [];
    let opens = 0;
    realtime.on('open', () => {
      opens += 1;
    });
    realtime.on('event', (_event, { position }) => {
      positions.push(position);
      if (positions.length === 3) t.server.services.hub.disconnectUser(bob.user.id);
    });
    await realtime.connect();
    for (let i = 0; i < 3; i += 1) await send(alice, conversationId, `m${i}`);
    await waitFor(() => positions.length === 3, 5000, 'three events');
    await waitFor(() => opens === 2, 5000, 'the reconnect after the drop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    realtime.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await authenticatedRealtime(t.url, await token(bob), { device_id: 'laptop' });
    expect(next.hello.resume_from).toBe(positions[2]);
    next.ws.close();
  });
});
