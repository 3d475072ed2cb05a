import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const text = (value: string) => ({ type: 'text' as const, text: value });

describe('sends committed together (group commit)', () => {
  it('answers every send of a concurrent burst by its own outcome and stores exactly the accepted ones', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const token = await alice.client.getAccessToken();
    const path = `/conversations/${conversationId}/messages`;
    const send = (body: unknown) => rawRequest(t.url, 'POST', path, { token, body });
    const realtime = bob.client.realtime();
    const pushed: { id: string; position: number }[] = [];
    realtime.on('event', (event, { position }) => {
      if (event.type === 'message.created') pushed.push({ id: event.data.id, position });
    });
    await realtime.connect();
    const earlier = { client_message_id: newClientMessageId(), content: text('earlier') };
    expect((await send(earlier)).status).toBe(201);

    const retried = { client_message_id: newClientMessageId(), content: text('retried') };
    const fresh = Array.from({ length: 24 }, (_, i) => ({
      client_message_id: newClientMessageId(),
      content: text(`fresh ${i}`),
    }));
    const [conflict, badCard, ...rest] = await Promise.all([
      send({ ...earlier, content: text('reused id, other text') }),
      send({
        client_message_id: newClientMessageId(),
        content: { type: 'card', card_type: 'user', id: newClientMessageId() },
      }),
      ...[retried, retried, retried].map(send),
      ...fresh.map(send),
    ]);
    expect(conflict).toMatchObject({ status: 409, body: { code: 'message.client_id_conflict' } });
    expect(badCard).toMatchObject({ status: 422, body: { code: 'user.not_found' } });
    const retries = rest.slice(0, 3);
    expect(retries.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(retries.map((r) => r.body?.id)).size).toBe(1);
    const accepted = rest.slice(3);
    expect(accepted.every((r) => r.status === 201)).toBe(true);
    expect(new Set(accepted.map((r) => r.body?.id)).size).toBe(fresh.length);

    const history = await bob.client.listMessages({
      path: { conversation_id: conversationId },
      query: { limit: 100 },
    });
    const stored = history.items.map((m) => m.id);
    expect(new Set(stored)).toEqual(
      new Set([
        (await send(earlier)).body?.id,
        retries[0]!.body?.id,
        ...accepted.map((r) => r.body?.id),
      ]),
    );
    expect(stored).toHaveLength(fresh.length + 2);

    await waitFor(() => pushed.length >= stored.length, 10_000, 'every message pushed');
    expect(pushed.map((p) => p.id)).toEqual(stored);
    const positions = pushed.map((p) => p.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    realtime.close();
  });

  it('refuses a send to a conversation of non-friends inside a burst without touching the others', async () => {
    const first = await friendsWithConversation(t.url);
    const second = await friendsWithConversation(t.url);
    const token = await first.alice.client.getAccessToken();
    const sendTo = (conversationId: string, value: string) =>
      rawRequest(t.url, 'POST', `/conversations/${conversationId}/messages`, {
        token,
        body: { client_message_id: newClientMessageId(), content: text(value) },
      });
    const answers = await Promise.all([
      sendTo(first.conversationId, 'one'),
      sendTo(second.conversationId, 'not a member here'),
      sendTo(first.conversationId, 'two'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 404, 201]);
    expect(answers[1]!.body?.code).toBe('conversation.not_found');
    const history = await first.bob.client.listMessages({
      path: { conversation_id: first.conversationId },
    });
    const texts = history.items.map((m) => (m.content.type === 'text' ? m.content.text : ''));
    expect(texts.sort()).toEqual(['one', 'two']);
    const other = await second.bob.client.listMessages({
      path: { conversation_id: second.conversationId },
    });
    expect(other.items).toEqual([]);
  });
});
