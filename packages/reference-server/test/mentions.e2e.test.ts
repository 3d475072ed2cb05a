import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const mention = (user: TestUser, conversationId: string, userIds: string[], all = false) =>
  user.client.sendMessage({
    path: { conversation_id: conversationId },
    body: {
      client_message_id: newClientMessageId(),
      content: { type: 'text', text: 'look at this' },
      mentions: { user_ids: userIds, all },
    },
  });

const mentionCount = async (user: TestUser, conversationId: string) =>
  (await user.client.listConversations()).items.find((c) => c.id === conversationId)
    ?.unread_mention_count;

/** Alice owns a group with Bob and Carol. */
async function group() {
  const [alice, bob, carol] = await Promise.all(
    ['alice', 'bob', 'carol'].map((name) => registerUser(t.url, name)),
  );
  await befriend(alice!, bob!);
  await befriend(alice!, carol!);
  const created = await alice!.client.createGroup({
    body: { name: 'Mentions', member_ids: [bob!.user.id, carol!.user.id] },
  });
  return { alice: alice!, bob: bob!, carol: carol!, conversationId: created.conversation_id };
}

describe('mentions', () => {
  it('counts a mention for the mentioned member only, until they read it', async () => {
    const { alice, bob, carol, conversationId } = await group();
    const sent = await mention(alice, conversationId, [bob.user.id]);
    expect(sent.mentions).toEqual({ user_ids: [bob.user.id], all: false });
    expect(await mentionCount(bob, conversationId)).toBe(1);
    expect(await mentionCount(carol, conversationId)).toBe(0);
    const page = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(page.items[0]!.mentions).toEqual({ user_ids: [bob.user.id], all: false });
    await bob.client.markConversationRead({
      path: { conversation_id: conversationId },
      body: { message_id: sent.id },
    });
    expect(await mentionCount(bob, conversationId)).toBe(0);
  });

  it('counts @all from the owner for every other member', async () => {
    const { alice, bob, carol, conversationId } = await group();
    await mention(alice, conversationId, [], true);
    expect(await mentionCount(bob, conversationId)).toBe(1);
    expect(await mentionCount(carol, conversationId)).toBe(1);
    expect(await mentionCount(alice, conversationId)).toBe(0);
  });

  it('refuses @all from a plain member, and a mention of a non-member naming the entry', async () => {
    const { alice, bob, conversationId } = await group();
    expect(await failure(mention(bob, conversationId, [], true))).toEqual({
      status: 403,
      code: 'message.mention_all_forbidden',
    });
    const stranger = await registerUser(t.url, 'stranger');
    const answer = await rawRequest(t.url, 'POST', `/conversations/${conversationId}/messages`, {
      token: await alice.client.getAccessToken(),
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'text', text: 'hey' },
        mentions: { user_ids: [bob.user.id, stranger.user.id], all: false },
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.body?.errors?.[0]?.pointer).toBe('/body/mentions/user_ids/1');
    expect(
      (await bob.client.listMessages({ path: { conversation_id: conversationId } })).items,
    ).toEqual([]);
  });
});
