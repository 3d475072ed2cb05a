import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { pointers, rawRequest } from './support/rawRequest.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, friendsWithConversation, registerUser } from './support/users.js';
import { watchEvents } from './support/watchEvents.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('friends', () => {
  it('finds users by part of the name, exact match first, with the friend flag', async () => {
    const carol = await registerUser(t.url, 'carol');
    const dave = await registerUser(t.url, 'dave');
    const page = await dave.client.searchUsers({ query: { q: carol.username } });
    expect(page.items[0]).toMatchObject({ id: carol.user.id, is_friend: false });
    await befriend(dave, carol);
    const again = await dave.client.searchUsers({ query: { q: carol.username } });
    expect(again.items[0]).toMatchObject({ id: carol.user.id, is_friend: true });
    const self = await dave.client.searchUsers({ query: { q: dave.username } });
    expect(self.items.map((u) => u.id)).not.toContain(dave.user.id);
  });

  it('sends, lists and accepts a request, and both become friends', async () => {
    const a = await registerUser(t.url, 'fa');
    const b = await registerUser(t.url, 'fb');
    const sent = await a.client.sendFriendRequest({
      body: { user_id: b.user.id, message: 'climbing?' },
    });
    expect(sent.status).toBe('pending');
    const received = await b.client.listFriendRequests({ query: { direction: 'received' } });
    expect(received.items.map((r) => r.id)).toEqual([sent.id]);
    const outgoing = await a.client.listFriendRequests({
      query: { direction: 'sent', status: 'pending' },
    });
    expect(outgoing.items[0]?.message).toBe('climbing?');
    const accepted = await b.client.acceptFriendRequest({ path: { request_id: sent.id } });
    expect(accepted.status).toBe('accepted');
    expect((await a.client.listFriends()).items.map((f) => f.user.id)).toEqual([b.user.id]);
    expect((await b.client.listFriends()).items.map((f) => f.user.id)).toEqual([a.user.id]);
  });

  it('rejects a request to yourself, to an unknown user, and a duplicate', async () => {
    const a = await registerUser(t.url, 'fs');
    const b = await registerUser(t.url, 'ft');
    expect(await failure(a.client.sendFriendRequest({ body: { user_id: a.user.id } }))).toEqual({
      status: 422,
      code: 'friend_request.to_self',
    });
    expect(
      await failure(a.client.sendFriendRequest({ body: { user_id: 'no-such-user' } })),
    ).toMatchObject({
      code: 'user.not_found',
    });
    await a.client.sendFriendRequest({ body: { user_id: b.user.id } });
    expect(
      await failure(a.client.sendFriendRequest({ body: { user_id: b.user.id } })),
    ).toMatchObject({
      status: 409,
      code: 'friend_request.already_pending',
    });
  });

  it('lets only the recipient answer, once', async () => {
    const a = await registerUser(t.url, 'fr');
    const b = await registerUser(t.url, 'fq');
    const stranger = await registerUser(t.url, 'fx');
    const request = await a.client.sendFriendRequest({ body: { user_id: b.user.id } });
    expect(
      await failure(a.client.acceptFriendRequest({ path: { request_id: request.id } })),
    ).toMatchObject({
      status: 403,
      code: 'friend_request.not_recipient',
    });
    expect(
      await failure(stranger.client.acceptFriendRequest({ path: { request_id: request.id } })),
    ).toMatchObject({
      status: 404,
      code: 'friend_request.not_found',
    });
    const rejected = await b.client.rejectFriendRequest({
      path: { request_id: request.id },
      body: { reason: 'no' },
    });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'no' });
    expect(
      await failure(b.client.acceptFriendRequest({ path: { request_id: request.id } })),
    ).toMatchObject({
      status: 409,
      code: 'friend_request.not_pending',
    });
    expect((await a.client.listFriends()).items).toEqual([]);
  });

  it('accepts a crossing request instead of making a second one', async () => {
    const a = await registerUser(t.url, 'fc');
    const b = await registerUser(t.url, 'fd');
    await a.client.sendFriendRequest({ body: { user_id: b.user.id } });
    const crossing = await b.client.sendFriendRequest({ body: { user_id: a.user.id } });
    expect(crossing.status).toBe('accepted');
    expect(
      await failure(a.client.sendFriendRequest({ body: { user_id: b.user.id } })),
    ).toMatchObject({
      code: 'friend_request.already_friends',
    });
  });

  it('pages through friends with a cursor', async () => {
    const hub = await registerUser(t.url, 'fp');
    const others = await Promise.all([1, 2, 3].map(() => registerUser(t.url, 'fo')));
    for (const other of others) await befriend(other, hub);
    const ids: string[] = [];
    for await (const friend of hub.client.paginate('listFriends', { query: { limit: 2 } }))
      ids.push(friend.user.id);
    expect(ids.sort()).toEqual(others.map((o) => o.user.id).sort());
  });
});

describe('a friend: details, remark, removal', () => {
  it("shows a friend with the remark only its author sees and the caller's friend groups", async () => {
    const alice = await registerUser(t.url, 'ra');
    const bob = await registerUser(t.url, 'rb');
    await befriend(alice, bob);
    const club = await alice.client.createFriendGroup({
      body: { name: 'Climbing club', user_ids: [bob.user.id] },
    });
    await bob.client.createFriendGroup({ body: { name: 'Work', user_ids: [alice.user.id] } });
    const set = await alice.client.updateFriend({
      path: { user_id: bob.user.id },
      body: { remark: 'Bob (climbing)' },
    });
    expect(set).toMatchObject({ user: { id: bob.user.id }, remark: 'Bob (climbing)' });
    expect(await alice.client.getFriend({ path: { user_id: bob.user.id } })).toMatchObject({
      user: { id: bob.user.id, username: bob.username },
      remark: 'Bob (climbing)',
      friend_groups: [{ id: club.id, name: 'Climbing club' }],
    });
    // Bob sees his own side: no remark, and his own categories only.
    const bobSide = await bob.client.getFriend({ path: { user_id: alice.user.id } });
    expect(bobSide.remark).toBeNull();
    expect(bobSide.friend_groups.map((g) => g.name)).toEqual(['Work']);
    expect((await bob.client.listFriends()).items[0]?.remark).toBeNull();
    expect((await alice.client.listFriends()).items[0]?.remark).toBe('Bob (climbing)');
    const cleared = await alice.client.updateFriend({
      path: { user_id: bob.user.id },
      body: { remark: null },
    });
    expect(cleared.remark).toBeNull();
  });

  it('answers friend.not_found for a non-friend and an unknown user, and refuses a bad remark', async () => {
    const alice = await registerUser(t.url, 'rc');
    const stranger = await registerUser(t.url, 'rd');
    for (const id of [stranger.user.id, 'no-such-user']) {
      expect(await failure(alice.client.getFriend({ path: { user_id: id } }))).toEqual({
        status: 404,
        code: 'friend.not_found',
      });
      expect(
        await failure(alice.client.updateFriend({ path: { user_id: id }, body: { remark: 'x' } })),
      ).toEqual({ status: 404, code: 'friend.not_found' });
    }
    const bob = await registerUser(t.url, 're');
    await befriend(alice, bob);
    expect(
      await failure(
        alice.client.updateFriend({
          path: { user_id: bob.user.id },
          body: { remark: 'x'.repeat(51) },
        }),
      ),
    ).toEqual({ status: 422, code: 'validation.failed' });
    const token = await alice.client.getAccessToken();
    for (const remark of ['', '  ', 'tab\there', 'x'.repeat(51)]) {
      const answer = await rawRequest(t.url, 'PATCH', `/friends/${bob.user.id}`, {
        token,
        body: { remark },
      });
      expect(answer.status).toBe(422);
      expect(pointers(answer)).toEqual(['/body/remark']);
    }
    expect((await alice.client.getFriend({ path: { user_id: bob.user.id } })).remark).toBeNull();
    const trimmed = await alice.client.updateFriend({
      path: { user_id: bob.user.id },
      body: { remark: '  Bob  ' },
    });
    expect(trimmed.remark).toBe('Bob');
  });

  it('removes the friendship both ways, disables the conversation and tells both', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(alice, conversationId, 'before');
    const group = await alice.client.createFriendGroup({
      body: { name: 'Close', user_ids: [bob.user.id] },
    });
    const bobsGroup = await bob.client.createFriendGroup({
      body: { name: 'Close', user_ids: [alice.user.id] },
    });
    const watch = await watchEvents(t.url, { alice, bob });
    await alice.client.deleteFriend({ path: { user_id: bob.user.id } });
    const events = await watch.settle();
    expect(events.alice).toEqual([
      {
        type: 'friend.removed',
        data: {
          user: expect.objectContaining({ id: bob.user.id }),
          conversation_id: conversationId,
        },
      },
    ]);
    expect(events.bob).toEqual([
      {
        type: 'friend.removed',
        data: {
          user: expect.objectContaining({ id: alice.user.id }),
          conversation_id: conversationId,
        },
      },
    ]);
    expect((await alice.client.listFriends()).items).toEqual([]);
    expect((await bob.client.listFriends()).items).toEqual([]);
    for (const [from, to] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      expect(await failure(sendText(from, conversationId, 'after'))).toEqual({
        status: 403,
        code: 'conversation.not_friends',
      });
      expect(await failure(from.client.getFriend({ path: { user_id: to.user.id } }))).toEqual({
        status: 404,
        code: 'friend.not_found',
      });
    }
    const conversation = await bob.client.getConversation({
      path: { conversation_id: conversationId },
    });
    expect(conversation.disabled).toBe(true);
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => m.content)).toEqual([{ type: 'text', text: 'before' }]);
    // Each left the other's friend groups.
    expect(
      (await alice.client.getFriendGroup({ path: { friend_group_id: group.id } })).member_count,
    ).toBe(0);
    expect(
      (await bob.client.getFriendGroup({ path: { friend_group_id: bobsGroup.id } })).members,
    ).toEqual([]);
    // Befriending again works and does not bring the categories back.
    await befriend(bob, alice);
    await sendText(bob, conversationId, 'again');
    expect(
      (await alice.client.getFriend({ path: { user_id: bob.user.id } })).friend_groups,
    ).toEqual([]);
  });

  it('tells friend.not_friends from user.not_found when removing', async () => {
    const alice = await registerUser(t.url, 'rf');
    const stranger = await registerUser(t.url, 'rg');
    expect(
      await failure(alice.client.deleteFriend({ path: { user_id: stranger.user.id } })),
    ).toEqual({ status: 409, code: 'friend.not_friends' });
    expect(await failure(alice.client.deleteFriend({ path: { user_id: 'no-such-user' } }))).toEqual(
      { status: 404, code: 'user.not_found' },
    );
    const bob = await registerUser(t.url, 'rh');
    await befriend(alice, bob);
    await bob.client.deleteFriend({ path: { user_id: alice.user.id } });
    expect(await failure(alice.client.deleteFriend({ path: { user_id: bob.user.id } }))).toEqual({
      status: 409,
      code: 'friend.not_friends',
    });
  });
});
