import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { makeGroupAdmin } from './support/groupAdmin.js';
import { groupCrew } from './support/groupCrew.js';
import { ageMessage } from './support/messageChanges.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket } from './support/userSockets.js';
import { befriend, friendsWithConversation } from './support/users.js';
import { watchEvents } from './support/watchEvents.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const MINUTE = 60_000;
const text = (value: string) => ({ type: 'text' as const, text: value });

describe('getMessage', () => {
  it('shows a message to the members only', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const { dave } = await groupCrew(t.url);
    const sent = await sendText(alice, conversationId, 'hello');
    const seen = await bob.client.getMessage({ path: { message_id: sent.id } });
    expect(seen).toMatchObject({ id: sent.id, content: text('hello'), edited_at: null });
    expect(await failure(dave.client.getMessage({ path: { message_id: sent.id } }))).toEqual({
      status: 404,
      code: 'message.not_found',
    });
    expect(await failure(bob.client.getMessage({ path: { message_id: 'nope' } }))).toEqual({
      status: 404,
      code: 'message.not_found',
    });
  });
});

describe('editMessage', () => {
  it('lets the sender edit a text message; members see message.updated live', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const sent = await sendText(alice, conversationId, 'see you at 7');
    const watch = await watchEvents(t.url, { bob });
    const edited = await alice.client.editMessage({
      path: { message_id: sent.id },
      body: { content: text('see you at 8'), mentions: { user_ids: [bob.user.id], all: false } },
    });
    expect(edited.content).toEqual(text('see you at 8'));
    expect(edited.edited_at).toEqual(expect.any(String));
    expect(edited.mentions).toEqual({ user_ids: [bob.user.id], all: false });
    const events = (await watch.settle()).bob!;
    expect(events.map((e) => e.type)).toEqual(['message.updated']);
    expect(events[0]?.data).toMatchObject({ id: sent.id, content: text('see you at 8') });
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => [m.content, m.edited_at])).toEqual([
      [text('see you at 8'), edited.edited_at],
    ]);
  });

  it('refuses others, non-members, non-text, old and removed messages, and bad mentions', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const { dave } = await groupCrew(t.url);
    const sent = await sendText(alice, conversationId, 'original');
    const edit = (user: typeof alice, id: string, body = { content: text('changed') }) =>
      failure(user.client.editMessage({ path: { message_id: id }, body }));
    expect(await edit(bob, sent.id)).toEqual({ status: 403, code: 'message.not_sender' });
    expect(await edit(dave, sent.id)).toEqual({ status: 404, code: 'message.not_found' });
    const outsider = { content: text('hi'), mentions: { user_ids: [dave.user.id], all: false } };
    expect(await edit(alice, sent.id, outsider)).toEqual({
      status: 422,
      code: 'validation.failed',
    });
    const location = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'location', latitude: 1, longitude: 2 },
      },
    });
    expect(await edit(alice, location.id)).toEqual({ status: 409, code: 'message.not_editable' });
    await ageMessage(t, sent.id, 24 * 60 * MINUTE + MINUTE);
    expect(await edit(alice, sent.id)).toEqual({
      status: 409,
      code: 'message.edit_window_passed',
    });
    const recalled = await sendText(alice, conversationId, 'oops');
    await alice.client.recallMessage({ path: { message_id: recalled.id } });
    expect(await edit(alice, recalled.id)).toEqual({ status: 409, code: 'message.not_editable' });
    const unchanged = await bob.client.getMessage({ path: { message_id: sent.id } });
    expect([unchanged.content, unchanged.edited_at]).toEqual([text('original'), null]);
  });
});

describe('recallMessage', () => {
  it('turns the message into a recalled tombstone for everyone, live and in history', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const sent = await sendText(alice, conversationId, 'wrong chat');
    const watch = await watchEvents(t.url, { alice, bob });
    const recalled = await alice.client.recallMessage({ path: { message_id: sent.id } });
    expect(recalled.content).toMatchObject({
      type: 'tombstone',
      reason: 'recalled',
      by_user_id: alice.user.id,
    });
    const events = await watch.settle();
    for (const name of ['alice', 'bob']) {
      expect(events[name]!.map((e) => [e.type, (e.data as { content: unknown }).content])).toEqual([
        ['message.recalled', recalled.content],
      ]);
    }
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => m.content)).toEqual([recalled.content]);
    expect(JSON.stringify(history)).not.toContain('wrong chat');
  });

  it('refuses the other member, a non-member, after 2 minutes, and twice', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const { dave } = await groupCrew(t.url);
    const sent = await sendText(alice, conversationId, 'hm');
    const recall = (user: typeof alice, id: string) =>
      failure(user.client.recallMessage({ path: { message_id: id } }));
    expect(await recall(bob, sent.id)).toEqual({ status: 403, code: 'message.not_sender' });
    expect(await recall(dave, sent.id)).toEqual({ status: 404, code: 'message.not_found' });
    const old = await sendText(alice, conversationId, 'too late');
    await ageMessage(t, old.id, 2 * MINUTE + 1000);
    expect(await recall(alice, old.id)).toEqual({
      status: 409,
      code: 'message.recall_window_passed',
    });
    await alice.client.recallMessage({ path: { message_id: sent.id } });
    expect(await recall(alice, sent.id)).toEqual({ status: 409, code: 'message.not_editable' });
    const kept = await bob.client.getMessage({ path: { message_id: old.id } });
    expect(kept.content).toEqual(text('too late'));
  });

  it('does not leak the recalled text to a client resuming from before it was sent', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const before = await openUserSocket(t.url, bob);
    const since = before.hello.head_position!;
    before.ws.close();
    const sent = await sendText(alice, conversationId, 'secret text');
    const edited = await sendText(alice, conversationId, 'first version');
    await alice.client.editMessage({
      path: { message_id: edited.id },
      body: { content: text('second version') },
    });
    await alice.client.recallMessage({ path: { message_id: sent.id } });
    const resumed = await openUserSocket(t.url, bob, since);
    await resumed.frame((f) => f.event?.type === 'message.recalled');
    const replay = resumed.frames.filter((f) => f.event?.type.startsWith('message.'));
    expect(replay.map((f) => f.event?.type)).toEqual([
      'message.created',
      'message.created',
      'message.updated',
      'message.recalled',
    ]);
    expect(replay[0]?.event?.data).toMatchObject({ id: sent.id, content: { type: 'tombstone' } });
    expect(replay[1]?.event?.data).toMatchObject({ content: text('second version') });
    const raw = JSON.stringify(resumed.frames);
    expect(raw).not.toContain('secret text');
    expect(raw).not.toContain('first version');
    resumed.ws.close();
  });
});

describe('deleteMessageForEveryone', () => {
  it('lets the sender delete at any time in a direct conversation, not the peer', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const sent = await sendText(alice, conversationId, 'last week');
    await ageMessage(t, sent.id, 7 * 24 * 60 * MINUTE);
    expect(
      await failure(bob.client.deleteMessageForEveryone({ path: { message_id: sent.id } })),
    ).toEqual({ status: 403, code: 'message.not_allowed' });
    const watch = await watchEvents(t.url, { bob });
    const deleted = await alice.client.deleteMessageForEveryone({
      path: { message_id: sent.id },
    });
    expect(deleted.content).toMatchObject({ type: 'tombstone', reason: 'deleted' });
    expect((await watch.settle()).bob!.map((e) => e.type)).toEqual(['message.deleted']);
    const again = await alice.client.deleteMessageForEveryone({ path: { message_id: sent.id } });
    expect(again.content).toEqual(deleted.content);
  });

  it('lets a group owner delete any message and an admin plain members’ and their own', async () => {
    const { alice, bob, carol, dave, group } = await groupCrew(t.url);
    await makeGroupAdmin(t, group.id, bob.user.id);
    const c = group.conversation_id;
    const del = (user: typeof alice, id: string) =>
      user.client.deleteMessageForEveryone({ path: { message_id: id } });
    const byOwner = await sendText(alice, c, 'owner says');
    const byAdmin = await sendText(bob, c, 'admin says');
    const byMember = await sendText(carol, c, 'member says');
    const byMember2 = await sendText(carol, c, 'member again');
    expect(await failure(del(bob, byOwner.id))).toEqual({
      status: 403,
      code: 'message.not_allowed',
    });
    expect(await failure(del(carol, byAdmin.id))).toEqual({
      status: 403,
      code: 'message.not_allowed',
    });
    expect(await failure(del(dave, byMember.id))).toEqual({
      status: 404,
      code: 'message.not_found',
    });
    expect((await del(bob, byMember.id)).content).toMatchObject({ by_user_id: bob.user.id });
    expect((await del(bob, byAdmin.id)).content).toMatchObject({ reason: 'deleted' });
    expect((await del(alice, byMember2.id)).content).toMatchObject({ by_user_id: alice.user.id });
    const ownerKeeps = await sendText(alice, c, 'another');
    await makeGroupAdmin(t, group.id, carol.user.id);
    const byCarolAdmin = await sendText(carol, c, 'carol the admin');
    expect(await failure(del(bob, byCarolAdmin.id))).toEqual({
      status: 403,
      code: 'message.not_allowed',
    });
    expect((await del(alice, byCarolAdmin.id)).content).toMatchObject({ reason: 'deleted' });
    const history = await carol.client.listMessages({ path: { conversation_id: c } });
    const types = history.items.filter(
      (m) => m.sender.id !== alice.user.id || m.id === ownerKeeps.id,
    );
    expect(types.map((m) => m.content.type)).toEqual([
      'tombstone',
      'tombstone',
      'tombstone',
      'text',
      'tombstone',
    ]);
  });
});

describe('deleteMessageForMe', () => {
  it('hides the message from the caller only and tells only the caller’s devices', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const { dave } = await groupCrew(t.url);
    const before = await openUserSocket(t.url, bob);
    const since = before.hello.head_position!;
    before.ws.close();
    const keep = await sendText(alice, conversationId, 'keep');
    const hide = await sendText(alice, conversationId, 'hide me');
    const watch = await watchEvents(t.url, { alice, bob });
    await bob.client.deleteMessageForMe({ path: { message_id: hide.id } });
    await bob.client.deleteMessageForMe({ path: { message_id: hide.id } });
    const events = await watch.settle();
    expect(events.bob!.map((e) => [e.type, e.data])).toEqual([
      ['message.hidden', { conversation_id: conversationId, message_id: hide.id }],
    ]);
    expect(events.alice).toEqual([]);
    const bobs = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(bobs.items.map((m) => m.id)).toEqual([keep.id]);
    expect(await failure(bob.client.getMessage({ path: { message_id: hide.id } }))).toEqual({
      status: 404,
      code: 'message.not_found',
    });
    const alices = await alice.client.listMessages({ path: { conversation_id: conversationId } });
    expect(alices.items.map((m) => m.id)).toEqual([keep.id, hide.id]);
    // Bob's conversation shows the message before it, and counts only that one unread.
    const conversation = { path: { conversation_id: conversationId } };
    const bobsView = await bob.client.getConversation(conversation);
    expect([bobsView.last_message?.id, bobsView.unread_count]).toEqual([keep.id, 1]);
    expect((await bob.client.getUnreadCounts()).messages).toBe(1);
    expect((await alice.client.getConversation(conversation)).last_message?.id).toBe(hide.id);
    expect(
      await failure(dave.client.deleteMessageForMe({ path: { message_id: keep.id } })),
    ).toEqual({ status: 404, code: 'message.not_found' });
    const resumed = await openUserSocket(t.url, bob, since);
    await resumed.frame((f) => f.event?.type === 'message.hidden');
    const created = resumed.frames.filter((f) => f.event?.type === 'message.created');
    expect(created.map((f) => (f.event!.data as { id: string }).id)).toEqual([keep.id]);
    resumed.ws.close();
  });
});

describe('who sees and acts on a group message', () => {
  it('lets a member who left read what came before, but not act on it; a later member sees none of it', async () => {
    const { alice, bob, carol, dave, group } = await groupCrew(t.url);
    const c = group.conversation_id;
    const before = await sendText(alice, c, 'before anyone left');
    await bob.client.leaveGroup({ path: { group_id: group.id } });
    const seen = await bob.client.getMessage({ path: { message_id: before.id } });
    expect(seen.content).toEqual(text('before anyone left'));
    expect(
      await failure(bob.client.addReaction({ path: { message_id: before.id, emoji: '👍' } })),
    ).toEqual({ status: 404, code: 'message.not_found' });
    await bob.client.deleteMessageForMe({ path: { message_id: before.id } });
    await befriend(alice, dave);
    await alice.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave.user.id] },
    });
    expect(await failure(dave.client.getMessage({ path: { message_id: before.id } }))).toEqual({
      status: 404,
      code: 'message.not_found',
    });
    const reply = dave.client.sendMessage({
      path: { conversation_id: c },
      body: {
        client_message_id: newClientMessageId(),
        content: text('what did I miss?'),
        reply_to_message_id: before.id,
      },
    });
    expect(await failure(reply)).toEqual({ status: 422, code: 'message.reply_target_not_found' });
    const byCarol = await sendText(carol, c, 'hey');
    // The owner moderates by deleting for everyone; editing and recalling stay the sender's.
    expect(
      await failure(
        alice.client.editMessage({
          path: { message_id: byCarol.id },
          body: { content: text('owner words') },
        }),
      ),
    ).toEqual({ status: 403, code: 'message.not_sender' });
    expect(await failure(alice.client.recallMessage({ path: { message_id: byCarol.id } }))).toEqual(
      { status: 403, code: 'message.not_sender' },
    );
    const mentionAll = carol.client.editMessage({
      path: { message_id: byCarol.id },
      body: { content: text('hey @all'), mentions: { user_ids: [], all: true } },
    });
    expect(await failure(mentionAll)).toEqual({
      status: 403,
      code: 'message.mention_all_forbidden',
    });
  });

  it('answers a send with the sender’s read state, and a retried reply with its quote', async () => {
    const { alice, bob, group } = await groupCrew(t.url);
    const direct = await friendsWithConversation(t.url);
    const toPeer = await sendText(direct.alice, direct.conversationId, 'hi');
    expect([toPeer.is_read, toPeer.read_count]).toEqual([false, undefined]);
    const parent = await sendText(alice, group.conversation_id, 'plan?');
    expect([parent.is_read, parent.read_count]).toEqual([undefined, 0]);
    const body = {
      client_message_id: newClientMessageId(),
      content: text('yes'),
      reply_to_message_id: parent.id,
      ext: { client: 'test' },
    };
    const path = { conversation_id: group.conversation_id };
    const first = await bob.client.sendMessage({ path, body });
    const retry = await bob.client.sendMessage({ path, body });
    expect(retry).toMatchObject({ id: first.id, reply_to: first.reply_to, ext: body.ext });
    expect((await alice.client.getMessage({ path: { message_id: parent.id } })).reply_count).toBe(
      1,
    );
  });
});
