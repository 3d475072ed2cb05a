import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { pointers, rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** A user with `count` new friends. */
async function withFriends(count: number): Promise<{ me: TestUser; friends: TestUser[] }> {
  const me = await registerUser(t.url, 'fg');
  const friends: TestUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const friend = await registerUser(t.url, 'pal');
    await befriend(me, friend);
    friends.push(friend);
  }
  return { me, friends };
}

describe('friend groups', () => {
  it('creates, lists by name, renames and deletes, keeping the friends', async () => {
    const { me, friends } = await withFriends(2);
    const [a, b] = friends as [TestUser, TestUser];
    const club = await me.client.createFriendGroup({
      body: { name: 'Climbing club', user_ids: [a.user.id, b.user.id] },
    });
    expect(club).toMatchObject({ name: 'Climbing club', member_count: 2 });
    const work = await me.client.createFriendGroup({ body: { name: 'at work' } });
    expect(work.member_count).toBe(0);
    const names: string[] = [];
    for await (const group of me.client.paginate('listFriendGroups', { query: { limit: 1 } }))
      names.push(group.name);
    expect(names).toEqual(['at work', 'Climbing club']);
    const renamed = await me.client.updateFriendGroup({
      path: { friend_group_id: club.id },
      body: { name: '  Climbing buddies ' },
    });
    expect(renamed).toMatchObject({ id: club.id, name: 'Climbing buddies', member_count: 2 });
    // Renaming to its own name in another case is fine.
    await me.client.updateFriendGroup({
      path: { friend_group_id: club.id },
      body: { name: 'CLIMBING buddies' },
    });
    await me.client.deleteFriendGroup({ path: { friend_group_id: club.id } });
    expect((await me.client.listFriendGroups()).items.map((g) => g.id)).toEqual([work.id]);
    expect((await me.client.listFriends()).items).toHaveLength(2);
    expect(await failure(me.client.getFriendGroup({ path: { friend_group_id: club.id } }))).toEqual(
      { status: 404, code: 'friend_group.not_found' },
    );
  });

  it('keeps names unique per user, case-insensitively, and refuses a blank name', async () => {
    const me = await registerUser(t.url, 'fn');
    const other = await registerUser(t.url, 'fo');
    const family = await me.client.createFriendGroup({ body: { name: 'Family' } });
    const token = await me.client.getAccessToken();
    const taken = await rawRequest(t.url, 'POST', '/friend-groups', {
      token,
      body: { name: 'fAMILY' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body?.code).toBe('friend_group.name_taken');
    expect(pointers(taken)).toEqual(['/body/name']);
    const friends = await me.client.createFriendGroup({ body: { name: 'Friends' } });
    expect(
      await failure(
        me.client.updateFriendGroup({
          path: { friend_group_id: friends.id },
          body: { name: 'family' },
        }),
      ),
    ).toEqual({ status: 409, code: 'friend_group.name_taken' });
    // Another user may use the same name.
    await other.client.createFriendGroup({ body: { name: 'Family' } });
    for (const name of ['   ', '', 'x'.repeat(31), 'line\nbreak', 'evil\u202Eeman']) {
      const answer = await rawRequest(t.url, 'POST', '/friend-groups', { token, body: { name } });
      expect(answer.status).toBe(422);
      expect(answer.body?.code).toBe('validation.failed');
      expect(pointers(answer)).toEqual(['/body/name']);
    }
    expect((await me.client.listFriendGroups()).items.map((g) => g.id)).toEqual([
      family.id,
      friends.id,
    ]);
  });

  it('takes only friends, naming each one at fault, and adds nothing then', async () => {
    const { me, friends } = await withFriends(1);
    const friend = friends[0]!;
    const stranger = await registerUser(t.url, 'fs');
    const token = await me.client.getAccessToken();
    const created = await rawRequest(t.url, 'POST', '/friend-groups', {
      token,
      body: { name: 'Mixed', user_ids: [friend.user.id, stranger.user.id, 'no-such-user'] },
    });
    expect(created.status).toBe(422);
    expect(created.body?.code).toBe('friend_group.not_friend');
    expect(pointers(created)).toEqual(['/body/user_ids/1', '/body/user_ids/2']);
    expect((await me.client.listFriendGroups()).items).toEqual([]);
    const group = await me.client.createFriendGroup({ body: { name: 'Close' } });
    const added = await rawRequest(t.url, 'POST', `/friend-groups/${group.id}/members`, {
      token,
      body: { user_ids: [friend.user.id, stranger.user.id] },
    });
    expect(added.status).toBe(422);
    expect(added.body?.code).toBe('friend_group.not_friend');
    expect(pointers(added)).toEqual(['/body/user_ids/1']);
    expect(
      (await me.client.getFriendGroup({ path: { friend_group_id: group.id } })).member_count,
    ).toBe(0);
  });

  it('adds friends idempotently, lists them by username and removes one', async () => {
    const { me, friends } = await withFriends(3);
    const group = await me.client.createFriendGroup({
      body: { name: 'Trio', user_ids: [friends[0]!.user.id] },
    });
    const after = await me.client.addFriendGroupMembers({
      path: { friend_group_id: group.id },
      body: { user_ids: friends.map((f) => f.user.id) },
    });
    expect(after.member_count).toBe(3);
    await me.client.updateFriend({
      path: { user_id: friends[1]!.user.id },
      body: { remark: 'Two' },
    });
    const byName = [...friends].sort((x, y) => (x.username < y.username ? -1 : 1));
    const listed = [];
    for await (const friend of me.client.paginate('listFriendGroupMembers', {
      path: { friend_group_id: group.id },
      query: { limit: 2 },
    }))
      listed.push(friend);
    expect(listed.map((f) => f.user.id)).toEqual(byName.map((f) => f.user.id));
    expect(listed.find((f) => f.user.id === friends[1]!.user.id)?.remark).toBe('Two');
    const detail = await me.client.getFriendGroup({ path: { friend_group_id: group.id } });
    expect(detail.members.map((m) => m.id)).toEqual(byName.map((f) => f.user.id));
    await me.client.removeFriendGroupMember({
      path: { friend_group_id: group.id, user_id: friends[0]!.user.id },
    });
    expect(
      await failure(
        me.client.removeFriendGroupMember({
          path: { friend_group_id: group.id, user_id: friends[0]!.user.id },
        }),
      ),
    ).toEqual({ status: 404, code: 'friend_group.member_not_found' });
    expect(
      (await me.client.getFriendGroup({ path: { friend_group_id: group.id } })).member_count,
    ).toBe(2);
    // Taken out of the group, still a friend.
    expect(
      (await me.client.getFriend({ path: { user_id: friends[0]!.user.id } })).friend_groups,
    ).toEqual([]);
  });

  it("hides a user's friend groups from everyone else", async () => {
    const { me, friends } = await withFriends(1);
    const friend = friends[0]!;
    const group = await me.client.createFriendGroup({
      body: { name: 'Secret', user_ids: [friend.user.id] },
    });
    const path = { friend_group_id: group.id };
    const notFound = { status: 404, code: 'friend_group.not_found' };
    // Even the friend in the group sees nothing of it.
    expect(await failure(friend.client.getFriendGroup({ path }))).toEqual(notFound);
    expect(await failure(friend.client.listFriendGroupMembers({ path }))).toEqual(notFound);
    expect(
      await failure(friend.client.updateFriendGroup({ path, body: { name: 'Mine' } })),
    ).toEqual(notFound);
    expect(
      await failure(
        friend.client.addFriendGroupMembers({ path, body: { user_ids: [me.user.id] } }),
      ),
    ).toEqual(notFound);
    expect(
      await failure(
        friend.client.removeFriendGroupMember({ path: { ...path, user_id: friend.user.id } }),
      ),
    ).toEqual(notFound);
    expect(await failure(friend.client.deleteFriendGroup({ path }))).toEqual(notFound);
    expect((await friend.client.listFriendGroups()).items).toEqual([]);
    expect(await me.client.getFriendGroup({ path })).toMatchObject({
      name: 'Secret',
      member_count: 1,
    });
  });

  it('stops at 50 friend groups per user', async () => {
    const me = await registerUser(t.url, 'fl');
    for (let i = 0; i < 50; i += 1) {
      await me.client.createFriendGroup({ body: { name: `group ${i}` } });
    }
    expect(await failure(me.client.createFriendGroup({ body: { name: 'one more' } }))).toEqual({
      status: 409,
      code: 'friend_group.limit_reached',
    });
    const first = (await me.client.listFriendGroups({ query: { limit: 1 } })).items[0]!;
    await me.client.deleteFriendGroup({ path: { friend_group_id: first.id } });
    await me.client.createFriendGroup({ body: { name: 'one more' } });
  });

  it('stops at 5000 friends per group, still taking friends already in it', async () => {
    const { me, friends } = await withFriends(1);
    const group = await me.client.createFriendGroup({ body: { name: 'Everyone' } });
    // 5000 friends already in the group, written straight to the store: making them through the
    // API would register 5000 accounts. The refusal itself goes through the API.
    const db = t.server.services.db;
    const now = new Date().toISOString();
    const ids = Array.from({ length: 5000 }, (_, i) => `seed-${i}-${group.id}`);
    for (let start = 0; start < ids.length; start += 500) {
      const part = ids.slice(start, start + 500);
      await db
        .insertInto('users')
        .values(
          part.map((id, i) => ({
            id,
            username: `s${start + i}_${group.id.slice(-6)}`,
            username_key: `s${start + i}_${group.id.slice(-6)}`.toLowerCase(),
            email: null,
            email_key: null,
            nickname: null,
            avatar_url: null,
            password_hash: 'x',
            created_at: now,
            deleted_at: null,
          })),
        )
        .execute();
      await db
        .insertInto('friendships')
        .values(
          part.map((id) => ({ user_id: me.user.id, friend_id: id, remark: null, created_at: now })),
        )
        .execute();
      await db
        .insertInto('friend_group_members')
        .values(part.map((id) => ({ friend_group_id: group.id, user_id: id, added_at: now })))
        .execute();
    }
    const path = { friend_group_id: group.id };
    expect(
      await failure(
        me.client.addFriendGroupMembers({ path, body: { user_ids: [friends[0]!.user.id] } }),
      ),
    ).toEqual({ status: 409, code: 'friend_group.limit_reached' });
    const same = await me.client.addFriendGroupMembers({ path, body: { user_ids: [ids[0]!] } });
    expect(same.member_count).toBe(5000);
    await me.client.removeFriendGroupMember({ path: { ...path, user_id: ids[0]! } });
    const full = await me.client.addFriendGroupMembers({
      path,
      body: { user_ids: [friends[0]!.user.id] },
    });
    expect(full.member_count).toBe(5000);
  });
});
