import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { pointers, rawRequest } from './support/rawRequest.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation } from './support/users.js';
import { watchEvents } from './support/watchEvents.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('reactions', () => {
  it('counts each emoji once per member, most used first, and marks the caller’s own', async () => {
    const { alice, bob, carol, group } = await groupCrew(t.url);
    const c = group.conversation_id;
    const sent = await sendText(alice, c, 'summit at noon');
    const react = (user: typeof alice, emoji: string) =>
      user.client.addReaction({ path: { message_id: sent.id, emoji } });
    const watch = await watchEvents(t.url, { alice, carol });
    await react(bob, '❤️');
    await react(alice, '👍');
    await react(bob, '👍');
    const twice = await react(bob, '👍');
    expect(twice).toEqual({
      message_id: sent.id,
      reactions: [
        { emoji: '👍', count: 2, reacted_by_me: true },
        { emoji: '❤️', count: 1, reacted_by_me: true },
      ],
    });
    const events = await watch.settle();
    for (const name of ['alice', 'carol']) {
      expect(
        events[name]!.map((e) => {
          const data = e.data as { emoji: string; count: number; user: { id: string } };
          return [e.type, data.emoji, data.count, data.user.id];
        }),
      ).toEqual([
        ['reaction.added', '❤️', 1, bob.user.id],
        ['reaction.added', '👍', 1, alice.user.id],
        ['reaction.added', '👍', 2, bob.user.id],
      ]);
    }
    const carolSees = await carol.client.getMessage({ path: { message_id: sent.id } });
    expect(carolSees.reactions).toEqual([
      { emoji: '👍', count: 2, reacted_by_me: false },
      { emoji: '❤️', count: 1, reacted_by_me: false },
    ]);
    const listed = await alice.client.listMessages({ path: { conversation_id: c } });
    expect(listed.items[0]?.reactions).toEqual([
      { emoji: '👍', count: 2, reacted_by_me: true },
      { emoji: '❤️', count: 1, reacted_by_me: false },
    ]);
    const removeWatch = await watchEvents(t.url, { carol });
    const removed = await bob.client.removeReaction({ path: { message_id: sent.id, emoji: '👍' } });
    await bob.client.removeReaction({ path: { message_id: sent.id, emoji: '👍' } });
    // A tie in count: the emoji used first comes first.
    expect(removed.reactions).toEqual([
      { emoji: '❤️', count: 1, reacted_by_me: true },
      { emoji: '👍', count: 1, reacted_by_me: false },
    ]);
    const removal = (await removeWatch.settle()).carol!;
    expect(removal.map((e) => [e.type, (e.data as { count: number }).count])).toEqual([
      ['reaction.removed', 1],
    ]);
  });

  it('refuses a 21st emoji, a removed message, a non-emoji and non-members', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const { dave } = await groupCrew(t.url);
    const sent = await sendText(alice, conversationId, 'react away');
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗'];
    expect(emoji).toHaveLength(20);
    for (const e of emoji)
      await bob.client.addReaction({ path: { message_id: sent.id, emoji: e } });
    const add = (user: typeof alice, id: string, e: string) =>
      failure(user.client.addReaction({ path: { message_id: id, emoji: e } }));
    expect(await add(alice, sent.id, '🤔')).toEqual({
      status: 409,
      code: 'reaction.limit_reached',
    });
    const existing = await alice.client.addReaction({
      path: { message_id: sent.id, emoji: emoji[0]! },
    });
    expect(existing.reactions[0]).toEqual({ emoji: emoji[0], count: 2, reacted_by_me: true });
    expect(await add(dave, sent.id, '👍')).toEqual({ status: 404, code: 'message.not_found' });
    const token = await alice.client.getAccessToken();
    for (const bad of ['ab', '👍👍', 'x']) {
      const answer = await rawRequest(
        t.url,
        'PUT',
        `/messages/${sent.id}/reactions/${encodeURIComponent(bad)}`,
        { token },
      );
      expect([answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
        422,
        'validation.failed',
        '/path/emoji',
      ]);
    }
    for (const good of ['👩‍💻', '🇫🇷', '1️⃣']) {
      await bob.client.removeReaction({ path: { message_id: sent.id, emoji: emoji.pop()! } });
      const answer = await alice.client.addReaction({ path: { message_id: sent.id, emoji: good } });
      expect(answer.reactions.map((r) => r.emoji)).toContain(good);
    }
    await alice.client.recallMessage({ path: { message_id: sent.id } });
    expect(await add(bob, sent.id, '👍')).toEqual({ status: 409, code: 'message.not_editable' });
    const tombstone = await bob.client.getMessage({ path: { message_id: sent.id } });
    expect(tombstone.reactions).toBeUndefined();
  });
});

describe('replies', () => {
  it('carries a preview of the parent, counts replies and lists them in pages', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const parent = await sendText(alice, conversationId, 'Who brings the rope?');
    const replies = [];
    for (const answer of ['me', 'not me', 'maybe']) {
      replies.push(
        await bob.client.sendMessage({
          path: { conversation_id: conversationId },
          body: {
            client_message_id: `reply-${answer.replace(' ', '-')}-${parent.id}`,
            content: { type: 'text', text: answer },
            reply_to_message_id: parent.id,
          },
        }),
      );
    }
    expect(replies[0]?.reply_to).toEqual({
      id: parent.id,
      sender: parent.sender,
      type: 'text',
      excerpt: 'Who brings the rope?',
    });
    const again = await alice.client.getMessage({ path: { message_id: parent.id } });
    expect(again.reply_count).toBe(3);
    const first = await alice.client.listMessageReplies({
      path: { message_id: parent.id },
      query: { limit: 2 },
    });
    expect([first.items.map((m) => m.id), first.has_more]).toEqual([
      replies.slice(0, 2).map((m) => m.id),
      true,
    ]);
    const rest = await alice.client.listMessageReplies({
      path: { message_id: parent.id },
      query: { limit: 2, after: first.next_cursor! },
    });
    expect([rest.items.map((m) => m.id), rest.has_more]).toEqual([[replies[2]?.id], false]);
    await alice.client.recallMessage({ path: { message_id: parent.id } });
    const quoted = await alice.client.getMessage({ path: { message_id: replies[0]!.id } });
    expect(quoted.reply_to).toMatchObject({ id: parent.id, type: 'tombstone', excerpt: '' });
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(JSON.stringify(history)).not.toContain('rope');
  });

  it('hides replies to non-members and lists a long text’s first 100 characters', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const { dave } = await groupCrew(t.url);
    const parent = await sendText(alice, conversationId, 'x'.repeat(150));
    const reply = await bob.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: `r-${parent.id}`,
        content: { type: 'text', text: 'ok' },
        reply_to_message_id: parent.id,
      },
    });
    expect(reply.reply_to?.excerpt).toBe('x'.repeat(100));
    expect(
      await failure(dave.client.listMessageReplies({ path: { message_id: parent.id } })),
    ).toEqual({ status: 404, code: 'message.not_found' });
  });
});

describe('receipts', () => {
  it('shows whether the peer read a direct message', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const sent = await sendText(alice, conversationId, 'read me');
    const unread = await alice.client.getMessage({ path: { message_id: sent.id } });
    expect(unread.is_read).toBe(false);
    expect((await bob.client.getMessage({ path: { message_id: sent.id } })).is_read).toBe(
      undefined,
    );
    expect(await alice.client.getMessageReceipts({ path: { message_id: sent.id } })).toEqual({
      message_id: sent.id,
      conversation_id: conversationId,
      read_by: [],
      read_count: 0,
      unread_count: 1,
    });
    await bob.client.markConversationRead({
      path: { conversation_id: conversationId },
      body: { message_id: sent.id },
    });
    const listed = await alice.client.listMessages({ path: { conversation_id: conversationId } });
    expect(listed.items[0]?.is_read).toBe(true);
    const receipts = await alice.client.getMessageReceipts({ path: { message_id: sent.id } });
    expect(receipts.read_by.map((r) => r.user.id)).toEqual([bob.user.id]);
    expect([receipts.read_count, receipts.unread_count]).toEqual([1, 0]);
    expect(Date.parse(receipts.read_by[0]!.read_at)).toBeGreaterThanOrEqual(
      Date.parse(sent.created_at),
    );
  });

  it('counts the group members who read a message and tells every member', async () => {
    const { alice, bob, carol, dave, group } = await groupCrew(t.url);
    const c = group.conversation_id;
    const sent = await sendText(alice, c, 'meet at the gym');
    const later = await sendText(alice, c, 'bring chalk');
    expect((await alice.client.getMessage({ path: { message_id: sent.id } })).read_count).toBe(0);
    const watch = await watchEvents(t.url, { alice, carol });
    await bob.client.markConversationRead({
      path: { conversation_id: c },
      body: { message_id: sent.id },
    });
    const events = await watch.settle();
    for (const name of ['alice', 'carol']) {
      expect(events[name]!.map((e) => [e.type, (e.data as { user_id: string }).user_id])).toEqual([
        ['message.read', bob.user.id],
      ]);
    }
    const page = await alice.client.listMessages({ path: { conversation_id: c } });
    expect(page.items.map((m) => m.read_count)).toEqual([1, 0]);
    const receipts = await carol.client.getMessageReceipts({ path: { message_id: sent.id } });
    expect(receipts.read_by.map((r) => r.user.id)).toEqual([bob.user.id]);
    expect([receipts.read_count, receipts.unread_count]).toEqual([1, 1]);
    const none = await alice.client.getMessageReceipts({ path: { message_id: later.id } });
    expect([none.read_count, none.unread_count]).toEqual([0, 2]);
    expect(
      await failure(dave.client.getMessageReceipts({ path: { message_id: sent.id } })),
    ).toEqual({ status: 404, code: 'message.not_found' });
  });
});
