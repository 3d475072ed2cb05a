// A member's own settings of a conversation (issue 10): pin, mute, mark unread, hide, clear my
// history. Each changes only the caller's view, reaches only the caller's devices, and is open to
// members only.
import type { Conversation } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import {
  befriend,
  friendsWithConversation,
  newClient,
  registerUser,
  type TestUser,
} from './support/users.js';
import { watchEvents } from './support/watchEvents.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const at = (conversationId: string) => ({ path: { conversation_id: conversationId } });

/** Every conversation of the user's list, page after page of `limit`. */
async function everyConversation(user: TestUser, limit: number): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await user.client.listConversations({
      query: { limit, ...(after ? { after } : {}) },
    });
    all.push(...page.items);
    if (!page.has_more) return all;
    after = page.next_cursor!;
  }
}

/** Alice and `count` friends, each with a direct conversation holding one message, oldest first. */
async function aliceWithConversations(count: number) {
  const alice = await registerUser(t.url, 'alice');
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const friend = await registerUser(t.url, `friend${i}`);
    await befriend(alice, friend);
    const c = await alice.client.openDirectConversation({ body: { user_id: friend.user.id } });
    await sendText(friend, c.id, `hello ${i}`);
    ids.push(c.id);
  }
  return { alice, ids };
}

describe('conversation settings', () => {
  it('starts unpinned, unmuted and not marked unread', async () => {
    const { alice, conversationId } = await friendsWithConversation(t.url);
    const settings = await alice.client.getConversationSettings(at(conversationId));
    expect(settings).toMatchObject({
      conversation_id: conversationId,
      pinned: false,
      muted: false,
      muted_until: null,
      marked_unread: false,
    });
    const conversation = await alice.client.getConversation(at(conversationId));
    expect(conversation).toMatchObject({ pinned: false, muted: false, marked_unread: false });
  });

  it('lists pinned conversations first, and pages through them exactly', async () => {
    const { alice, ids } = await aliceWithConversations(5);
    // Newest activity first: 4, 3, 2, 1, 0. Pin the two oldest.
    for (const id of [ids[0]!, ids[1]!]) {
      const settings = await alice.client.updateConversationSettings({
        ...at(id),
        body: { pinned: true },
      });
      expect(settings.pinned).toBe(true);
    }
    const expected = [ids[1], ids[0], ids[4], ids[3], ids[2]];
    const whole = await everyConversation(alice, 100);
    expect(whole.map((c) => c.id)).toEqual(expected);
    expect(whole.map((c) => c.pinned)).toEqual([true, true, false, false, false]);
    for (const limit of [1, 2, 3]) {
      expect((await everyConversation(alice, limit)).map((c) => c.id)).toEqual(expected);
    }
    // New activity reorders within each part; unpinning moves a conversation back by activity.
    const peer = whole.find((c) => c.id === ids[2])!.peer!;
    expect(peer).toBeTruthy();
    await sendText(alice, ids[2]!, 'back to you');
    await alice.client.updateConversationSettings({ ...at(ids[1]!), body: { pinned: false } });
    expect((await everyConversation(alice, 2)).map((c) => c.id)).toEqual([
      ids[0],
      ids[2],
      ids[4],
      ids[3],
      ids[1],
    ]);
  });

  it('mutes for a duration or until unmuted; muted conversations stay listed and count apart', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(bob, conversationId, 'one');
    await sendText(bob, conversationId, 'two');
    const before = Date.now();
    const timed = await alice.client.updateConversationSettings({
      ...at(conversationId),
      body: { muted: true, mute_duration_seconds: 3600 },
    });
    expect(timed.muted).toBe(true);
    const end = Date.parse(timed.muted_until!);
    expect(end).toBeGreaterThanOrEqual(before + 3600_000);
    expect(end).toBeLessThanOrEqual(Date.now() + 3600_000);
    const listed = (await alice.client.listConversations()).items.find(
      (c) => c.id === conversationId,
    );
    expect(listed).toMatchObject({ muted: true, muted_until: timed.muted_until, unread_count: 2 });
    // Muted: its messages leave the badge, the conversation still waits.
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 0, conversations: 1 });

    const open = await alice.client.updateConversationSettings({
      ...at(conversationId),
      body: { muted: true },
    });
    expect(open).toMatchObject({ muted: true, muted_until: null });
    // A timed mute that has ended is no mute.
    await alice.client.updateConversationSettings({
      ...at(conversationId),
      body: { muted: true, mute_duration_seconds: 60 },
    });
    await t.server.services.db
      .updateTable('conversation_members')
      .set({ muted_until: new Date(Date.now() - 1000).toISOString() })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', alice.user.id)
      .execute();
    expect(await alice.client.getConversationSettings(at(conversationId))).toMatchObject({
      muted: false,
      muted_until: null,
    });
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 2, conversations: 1 });

    await alice.client.updateConversationSettings({ ...at(conversationId), body: { muted: true } });
    const unmuted = await alice.client.updateConversationSettings({
      ...at(conversationId),
      body: { muted: false },
    });
    expect(unmuted).toMatchObject({ muted: false, muted_until: null });
    // Bob's view did not change at any point.
    expect(await bob.client.getConversationSettings(at(conversationId))).toMatchObject({
      muted: false,
      pinned: false,
    });
  });

  it('refuses a mute duration without muted true, and bad bodies, changing nothing', async () => {
    const { alice, conversationId } = await friendsWithConversation(t.url);
    for (const body of [
      { mute_duration_seconds: 3600 },
      { muted: false, mute_duration_seconds: 3600 },
      { muted: true, mute_duration_seconds: 59 },
      {},
    ]) {
      expect(
        await failure(alice.client.updateConversationSettings({ ...at(conversationId), body })),
      ).toEqual({ status: 422, code: 'validation.failed' });
    }
    expect(await alice.client.getConversationSettings(at(conversationId))).toMatchObject({
      muted: false,
      muted_until: null,
    });
  });

  it('marks a conversation unread until it is read', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const message = await sendText(bob, conversationId, 'read me');
    await alice.client.markConversationRead({
      ...at(conversationId),
      body: { message_id: message.id },
    });
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 0, conversations: 0 });
    const marked = await alice.client.updateConversationSettings({
      ...at(conversationId),
      body: { marked_unread: true },
    });
    expect(marked.marked_unread).toBe(true);
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 0, conversations: 1 });
    expect((await alice.client.getConversation(at(conversationId))).marked_unread).toBe(true);
    // Reading (even at the position already read) takes the mark away.
    await alice.client.markConversationRead({
      ...at(conversationId),
      body: { message_id: message.id },
    });
    expect((await alice.client.getConversationSettings(at(conversationId))).marked_unread).toBe(
      false,
    );
    expect(await alice.client.getUnreadCounts()).toMatchObject({ conversations: 0 });
  });

  it('hides a conversation from my list until the next message arrives', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(bob, conversationId, 'first');
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 1, conversations: 1 });
    await alice.client.hideConversation(at(conversationId));
    const ids = async (user: TestUser) => (await everyConversation(user, 100)).map((c) => c.id);
    expect(await ids(alice)).not.toContain(conversationId);
    expect(await ids(bob)).toContain(conversationId);
    // Out of the list, out of the badges: they agree.
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 0, conversations: 0 });
    // Nothing is deleted; the conversation says it is hidden, to Alice only.
    const hidden = await alice.client.getConversation(at(conversationId));
    expect([hidden.hidden, hidden.last_message === null]).toEqual([true, false]);
    expect((await bob.client.getConversation(at(conversationId))).hidden).toBe(false);
    expect((await alice.client.listMessages(at(conversationId))).items).toHaveLength(1);
    await sendText(bob, conversationId, 'second');
    expect(await ids(alice)).toContain(conversationId);
    expect((await alice.client.getConversation(at(conversationId))).hidden).toBe(false);
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 2, conversations: 1 });
    // Hiding again, and the caller's own message brings it back too.
    await alice.client.hideConversation(at(conversationId));
    expect(await ids(alice)).not.toContain(conversationId);
    await sendText(alice, conversationId, 'mine');
    expect(await ids(alice)).toContain(conversationId);
  });

  it('clears my history only: others keep theirs, unread counts follow, new messages appear', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(bob, conversationId, 'one');
    await sendText(alice, conversationId, 'two');
    await sendText(bob, conversationId, 'three');
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 1 });
    await alice.client.clearConversationHistory(at(conversationId));
    expect((await alice.client.listMessages(at(conversationId))).items).toEqual([]);
    const mine = await alice.client.getConversation(at(conversationId));
    expect(mine).toMatchObject({ last_message: null, unread_count: 0 });
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 0, conversations: 0 });
    expect((await bob.client.listMessages(at(conversationId))).items).toHaveLength(3);
    await sendText(bob, conversationId, 'four');
    const after = await alice.client.listMessages(at(conversationId));
    expect(after.items.map((m) => m.content.type === 'text' && m.content.text)).toEqual(['four']);
    expect(await alice.client.getUnreadCounts()).toMatchObject({ messages: 1 });
    // Clearing twice is harmless.
    await alice.client.clearConversationHistory(at(conversationId));
    await alice.client.clearConversationHistory(at(conversationId));
    expect((await alice.client.listMessages(at(conversationId))).items).toEqual([]);
  });

  it('tells the caller’s other devices, and never another member', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const laptop = newClient(t.url);
    await laptop.login({ body: { login: alice.username, password: alice.password } });
    const watch = await watchEvents(t.url, { laptop: { ...alice, client: laptop }, bob });
    await alice.client.updateConversationSettings({
      ...at(conversationId),
      body: { pinned: true },
    });
    await alice.client.hideConversation(at(conversationId));
    await alice.client.clearConversationHistory(at(conversationId));
    const seen = await watch.settle();
    const laptopEvents = seen.laptop!.filter((e) => e.type.startsWith('conversation.'));
    expect(laptopEvents.map((e) => e.type)).toEqual([
      'conversation.updated',
      'conversation.updated',
      'conversation.cleared',
    ]);
    expect(laptopEvents[0]!.data).toMatchObject({
      id: conversationId,
      pinned: true,
      hidden: false,
    });
    expect(laptopEvents[1]!.data).toMatchObject({ id: conversationId, hidden: true });
    expect(laptopEvents[2]!.data).toMatchObject({ conversation_id: conversationId });
    expect(seen.bob!.filter((e) => e.type.startsWith('conversation.'))).toEqual([]);
  });

  it('answers members only: 404 for outsiders; a former group member arranges their read-only copy', async () => {
    const { alice, bob, dave, group } = await groupCrew(t.url);
    const conversationId = group.conversation_id;
    await sendText(alice, conversationId, 'before');
    const notFound = { status: 404, code: 'conversation.not_found' };
    expect(await failure(dave.client.getConversationSettings(at(conversationId)))).toEqual(
      notFound,
    );
    expect(
      await failure(
        dave.client.updateConversationSettings({ ...at(conversationId), body: { pinned: true } }),
      ),
    ).toEqual(notFound);
    expect(await failure(dave.client.hideConversation(at(conversationId)))).toEqual(notFound);
    expect(await failure(dave.client.clearConversationHistory(at(conversationId)))).toEqual(
      notFound,
    );
    expect(await failure(dave.client.getConversationSettings(at('no-such-conversation')))).toEqual(
      notFound,
    );

    await bob.client.leaveGroup({ path: { group_id: group.id } });
    await sendText(alice, conversationId, 'after');
    const settings = await bob.client.updateConversationSettings({
      ...at(conversationId),
      body: { pinned: true, muted: true },
    });
    expect(settings).toMatchObject({ pinned: true, muted: true });
    // Messages after leaving do not bring a hidden conversation back for a former member.
    await bob.client.hideConversation(at(conversationId));
    await sendText(alice, conversationId, 'later');
    const bobs = (await bob.client.listConversations()).items.map((c) => c.id);
    expect(bobs).not.toContain(conversationId);
    await bob.client.clearConversationHistory(at(conversationId));
    expect((await bob.client.listMessages(at(conversationId))).items).toEqual([]);
    // The owner's view is untouched.
    expect((await alice.client.listMessages(at(conversationId))).items).toHaveLength(3);
    expect(await alice.client.getConversationSettings(at(conversationId))).toMatchObject({
      pinned: false,
      muted: false,
    });
  });
});
