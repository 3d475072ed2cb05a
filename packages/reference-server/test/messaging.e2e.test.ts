import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { failure } from './support/expectCode.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const text = (value: string) => ({ type: 'text' as const, text: value });

describe('direct messaging', () => {
  it('delivers a message live to the recipient and keeps it in history', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const realtime = bob.client.realtime();
    const received: string[] = [];
    realtime.on('message.created', (message) => received.push(message.id));
    await realtime.connect();
    const sent = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: text('are we still on for tonight?'),
      },
    });
    await waitFor(() => received.length === 1, 5000, 'the live message');
    expect(received).toEqual([sent.id]);
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => m.content)).toEqual([text('are we still on for tonight?')]);
    expect(history.items[0]?.sender.id).toBe(alice.user.id);
    realtime.close();
  });

  it('counts unread messages and pushes a read receipt when they are read', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const receipts: string[] = [];
    const aliceRealtime = alice.client.realtime();
    aliceRealtime.on('message.read', (receipt) => receipts.push(receipt.last_read_message_id));
    await aliceRealtime.connect();
    let last = '';
    const ids: string[] = [];
    for (const word of ['one', 'two', 'three']) {
      const message = await alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text(word) },
      });
      last = message.id;
      ids.push(message.id);
    }
    const listed = await bob.client.listConversations();
    expect(listed.items[0]).toMatchObject({
      id: conversationId,
      unread_count: 3,
      peer: { id: alice.user.id },
    });
    expect(listed.items[0]?.last_message?.id).toBe(last);
    expect(
      (await alice.client.getConversation({ path: { conversation_id: conversationId } }))
        .unread_count,
    ).toBe(0);
    await bob.client.markConversationRead({
      path: { conversation_id: conversationId },
      body: { message_id: last },
    });
    expect(
      (await bob.client.getConversation({ path: { conversation_id: conversationId } }))
        .unread_count,
    ).toBe(0);
    await waitFor(() => receipts.includes(last), 5000, 'the read receipt');
    const backwards = await bob.client.markConversationRead({
      path: { conversation_id: conversationId },
      body: { message_id: ids[0]! },
    });
    expect(backwards.last_read_message_id).toBe(last);
    expect(
      (await bob.client.getConversation({ path: { conversation_id: conversationId } }))
        .unread_count,
    ).toBe(0);
    aliceRealtime.close();
  });

  it('stores one message for a retried send with the same client id', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const body = { client_message_id: newClientMessageId(), content: text('exactly once') };
    const first = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body,
    });
    const retry = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body,
    });
    expect(retry.id).toBe(first.id);
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items).toHaveLength(1);
    const conflict = alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { ...body, content: text('something else') },
    });
    expect(await failure(conflict)).toEqual({ status: 409, code: 'message.client_id_conflict' });
  });

  it('refuses messages to non-friends and to conversations the caller is not in', async () => {
    const { conversationId } = await friendsWithConversation(t.url);
    const eve = await registerUser(t.url, 'eve');
    const stranger = await registerUser(t.url, 'stranger');
    expect(
      await failure(eve.client.openDirectConversation({ body: { user_id: stranger.user.id } })),
    ).toEqual({
      status: 403,
      code: 'conversation.not_friends',
    });
    const intrude = eve.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: text('let me in') },
    });
    expect(await failure(intrude)).toEqual({ status: 404, code: 'conversation.not_found' });
    expect(
      await failure(eve.client.listMessages({ path: { conversation_id: conversationId } })),
    ).toMatchObject({
      status: 404,
    });
    const look = eve.client.getConversation({ path: { conversation_id: conversationId } });
    expect(await failure(look)).toEqual({ status: 404, code: 'conversation.not_found' });
    const peek = eve.client.markConversationRead({
      path: { conversation_id: conversationId },
      body: { message_id: 'any' },
    });
    expect(await failure(peek)).toEqual({ status: 404, code: 'conversation.not_found' });
    const nobody = eve.client.openDirectConversation({ body: { user_id: 'no-such-user' } });
    expect(await failure(nobody)).toEqual({ status: 404, code: 'user.not_found' });
  });

  it('rejects an over-long message with the field at fault', async () => {
    const { alice, conversationId } = await friendsWithConversation(t.url);
    try {
      await alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text('x'.repeat(5001)) },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ status: 422, code: 'validation.failed' });
      expect((error as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain(
        '/body/content/text',
      );
    }
    const history = await alice.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items).toEqual([]);
  });

  it('pages through history in both directions without gaps or repeats', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const sent: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      const m = await alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: text(`m${i}`) },
      });
      sent.push(m.id);
    }
    const backward: string[] = [];
    for await (const m of bob.client.iterateMessages(conversationId, { limit: 10 }))
      backward.push(m.id);
    expect(backward).toEqual([...sent].reverse());
    const newest = await bob.client.listMessages({
      path: { conversation_id: conversationId },
      query: { limit: 10 },
    });
    expect(newest.items.map((m) => m.id)).toEqual(sent.slice(35));
    const forward: string[] = [];
    let cursor = newest.next_cursor!;
    for (;;) {
      const page = await bob.client.listMessages({
        path: { conversation_id: conversationId },
        query: { limit: 4, after: cursor },
      });
      forward.push(...page.items.map((m) => m.id));
      if (!page.has_more) break;
      cursor = page.next_cursor!;
    }
    expect(forward).toEqual(sent.slice(36));
  });
});
