import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import type { SeenFrame } from './support/rawRealtime.js';
import { rawRequest } from './support/rawRequest.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket, settleUserSockets } from './support/userSockets.js';
import { befriend, friendsWithConversation, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('blocks', () => {
  it('lists blocks newest first, pages them, and unblocks', async () => {
    const me = await registerUser(t.url, 'bl');
    const others = [];
    for (const name of ['bx', 'by', 'bz']) {
      const other = await registerUser(t.url, name);
      const block = await me.client.blockUser({ body: { user_id: other.user.id } });
      expect(block.user).toMatchObject({ id: other.user.id, username: other.username });
      others.push(other);
    }
    const ids: string[] = [];
    for await (const block of me.client.paginate('listBlocks', { query: { limit: 2 } }))
      ids.push(block.user.id);
    expect(ids).toEqual(others.map((o) => o.user.id).reverse());
    await me.client.unblockUser({ path: { user_id: others[1]!.user.id } });
    const left = await me.client.listBlocks();
    expect(left.items.map((b) => b.user.id)).toEqual([others[2]!.user.id, others[0]!.user.id]);
    // Blocks belong to the blocker: the blocked user's own list is empty.
    expect((await others[0]!.client.listBlocks()).items).toEqual([]);
  });

  it('refuses blocking yourself, an unknown user, twice, and unblocking someone not blocked', async () => {
    const me = await registerUser(t.url, 'bs');
    const other = await registerUser(t.url, 'bo');
    const self = await rawRequest(t.url, 'POST', '/blocks', {
      token: await me.client.getAccessToken(),
      body: { user_id: me.user.id },
    });
    expect(self.status).toBe(422);
    expect(self.body).toMatchObject({
      code: 'block.self',
      errors: [expect.objectContaining({ pointer: '/body/user_id' })],
    });
    expect(await failure(me.client.blockUser({ body: { user_id: 'no-such-user' } }))).toEqual({
      status: 404,
      code: 'user.not_found',
    });
    await me.client.blockUser({ body: { user_id: other.user.id } });
    expect(await failure(me.client.blockUser({ body: { user_id: other.user.id } }))).toEqual({
      status: 409,
      code: 'block.already_blocked',
    });
    // The blocked user cannot lift the block.
    expect(await failure(other.client.unblockUser({ path: { user_id: me.user.id } }))).toEqual({
      status: 404,
      code: 'block.not_found',
    });
    await me.client.unblockUser({ path: { user_id: other.user.id } });
    expect(await failure(me.client.unblockUser({ path: { user_id: other.user.id } }))).toEqual({
      status: 404,
      code: 'block.not_found',
    });
  });

  it("stops the blocked friend's messages but keeps the friendship; unblocking restores them", async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await alice.client.blockUser({ body: { user_id: bob.user.id } });
    expect(await failure(sendText(bob, conversationId, 'hello?'))).toEqual({
      status: 403,
      code: 'message.blocked',
    });
    // The blocker may still write; the friendship stays on both sides.
    await sendText(alice, conversationId, 'one-way');
    expect((await bob.client.listFriends()).items.map((f) => f.user.id)).toEqual([alice.user.id]);
    expect((await alice.client.getFriend({ path: { user_id: bob.user.id } })).user.id).toBe(
      bob.user.id,
    );
    const history = await alice.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => m.content)).toEqual([{ type: 'text', text: 'one-way' }]);
    await alice.client.unblockUser({ path: { user_id: bob.user.id } });
    const back = await sendText(bob, conversationId, 'back');
    expect(back.content).toEqual({ type: 'text', text: 'back' });
  });

  it('refuses friend requests both ways and rejects the pending ones, without telling the blocked user', async () => {
    const alice = await registerUser(t.url, 'ba');
    const bob = await registerUser(t.url, 'bb');
    const pending = await bob.client.sendFriendRequest({ body: { user_id: alice.user.id } });
    const aliceSocket = await openUserSocket(t.url, alice);
    const bobSocket = await openUserSocket(t.url, bob);
    await alice.client.blockUser({ body: { user_id: bob.user.id } });
    const rejected = await alice.client.listFriendRequests({ query: { direction: 'received' } });
    expect(rejected.items).toEqual([
      expect.objectContaining({ id: pending.id, status: 'rejected' }),
    ]);
    for (const [from, to] of [
      [bob, alice],
      [alice, bob],
    ] as const) {
      expect(
        await failure(from.client.sendFriendRequest({ body: { user_id: to.user.id } })),
      ).toEqual({ status: 403, code: 'friend_request.blocked' });
    }
    await settleUserSockets(t.url, [aliceSocket, bobSocket]);
    // The blocker's devices learn the request is settled; the blocked user hears nothing.
    const about = (frames: SeenFrame[]) =>
      frames
        .filter((f) => (f.event?.data as { id?: string } | undefined)?.id === pending.id)
        .map((f) => f.event?.type);
    expect(about(aliceSocket.frames)).toEqual(['friend_request.rejected']);
    expect(about(bobSocket.frames)).toEqual([]);
    aliceSocket.ws.close();
    bobSocket.ws.close();
    await alice.client.unblockUser({ path: { user_id: bob.user.id } });
    await befriend(bob, alice);
    expect((await alice.client.listFriends()).items.map((f) => f.user.id)).toEqual([bob.user.id]);
  });

  it('refuses a group invitation from a user the invitee blocked, and only from them', async () => {
    const { alice, bob, dave, group } = await groupCrew(t.url);
    const erin = await registerUser(t.url, 'erin');
    await befriend(alice, dave);
    await befriend(alice, erin);
    await dave.client.blockUser({ body: { user_id: alice.user.id } });
    // Alice blocking Erin does not stop Alice inviting Erin: only the invitee's block counts.
    await alice.client.blockUser({ body: { user_id: erin.user.id } });
    const results = await alice.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave.user.id, erin.user.id] },
    });
    expect(results.results.map((r) => [r.user_id, r.outcome, r.error?.code ?? null])).toEqual([
      [dave.user.id, 'failed', 'group.invitee_not_friend'],
      [erin.user.id, 'joined', null],
    ]);
    // Bob, whom Dave did not block, can get Dave in once they are friends.
    await befriend(bob, dave);
    const byBob = await bob.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave.user.id] },
    });
    expect(byBob.results[0]?.outcome).toBe('pending');
    await dave.client.unblockUser({ path: { user_id: alice.user.id } });
    const again = await alice.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave.user.id] },
    });
    expect(again.results[0]?.outcome).toBe('joined');
  });

  it('hides presence across a block, both ways, in every friend view; unblocking shows it again', async () => {
    const alice = await registerUser(t.url, 'bp');
    const bob = await registerUser(t.url, 'bq');
    await befriend(alice, bob);
    const group = await alice.client.createFriendGroup({
      body: { name: 'Pals', user_ids: [bob.user.id] },
    });
    const sockets = [alice.client.realtime(), bob.client.realtime()];
    await Promise.all(sockets.map((s) => s.connect()));
    try {
      /** How `viewer` sees `other`'s presence in listFriends, getFriend, getUser and the group. */
      const seen = async (viewer: TestUser, other: TestUser) => [
        (await viewer.client.listFriends()).items[0]?.presence,
        (await viewer.client.getFriend({ path: { user_id: other.user.id } })).presence,
        (await viewer.client.getUser({ path: { user_id: other.user.id } })).presence,
      ];
      expect(await seen(alice, bob)).toEqual(['online', 'online', 'online']);
      await alice.client.blockUser({ body: { user_id: bob.user.id } });
      expect(await seen(alice, bob)).toEqual(['offline', 'offline', 'offline']);
      expect(await seen(bob, alice)).toEqual(['offline', 'offline', 'offline']);
      const members = await alice.client.listFriendGroupMembers({
        path: { friend_group_id: group.id },
      });
      expect(members.items.map((f) => f.presence)).toEqual(['offline']);
      await alice.client.unblockUser({ path: { user_id: bob.user.id } });
      expect(await seen(bob, alice)).toEqual(['online', 'online', 'online']);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it('shows is_blocked to the blocker only', async () => {
    const alice = await registerUser(t.url, 'bi');
    const bob = await registerUser(t.url, 'bj');
    await alice.client.blockUser({ body: { user_id: bob.user.id } });
    expect((await alice.client.getUser({ path: { user_id: bob.user.id } })).is_blocked).toBe(true);
    expect((await bob.client.getUser({ path: { user_id: alice.user.id } })).is_blocked).toBe(false);
  });
});
