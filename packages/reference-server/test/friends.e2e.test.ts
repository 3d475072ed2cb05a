import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser } from './support/users.js';

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
