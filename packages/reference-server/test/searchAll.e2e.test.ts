import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointers, rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('searchAll', () => {
  it('finds users by username or nickname, exact match first, without the caller, the deleted or private fields', async () => {
    const me = await registerUser(t.url, 'kayak');
    const exact = await registerUser(t.url, 'kayaker');
    const byNick = await registerUser(t.url, 'paddler');
    await byNick.client.updateMe({ body: { nickname: 'Kayaker Kim' } });
    const gone = await registerUser(t.url, 'kayakgone');
    await gone.client.deleteAccount({ body: { password: gone.password } });
    await befriend(me, byNick);
    const found = await me.client.searchAll({ query: { q: exact.username } });
    expect(found.users.items[0]).toEqual({
      id: exact.user.id,
      username: exact.username,
      nickname: exact.user.nickname,
      avatar_url: null,
      deleted: false,
      is_friend: false,
    });
    const broad = await me.client.searchAll({ query: { q: 'KAYAK' } });
    const ids = broad.users.items.map((u) => u.id);
    expect(ids).toContain(exact.user.id);
    expect(ids).toContain(byNick.user.id);
    expect(ids).not.toContain(me.user.id);
    expect(ids).not.toContain(gone.user.id);
    expect(broad.users.total).toBe(ids.length);
    expect(broad.users.items.find((u) => u.id === byNick.user.id)?.is_friend).toBe(true);
    const text = JSON.stringify(broad);
    expect(text).not.toContain('@example.com');
    expect(text).not.toMatch(/"(email|phone)"/);
  });

  it('holds the best `limit` matches and the total of each list', async () => {
    const me = await registerUser(t.url, 'seeker');
    const tag = `zq${process.pid % 1000}`;
    for (let i = 0; i < 3; i += 1) await registerUser(t.url, `${tag}u`);
    const one = await me.client.searchAll({ query: { q: tag, limit: 2 } });
    expect(one.users.items).toHaveLength(2);
    expect(one.users.total).toBe(3);
    const sorted = one.users.items.map((u) => u.username);
    expect(sorted).toEqual([...sorted].sort());
  });

  it('finds groups by name with whether the caller is in them, leaving dismissed groups out', async () => {
    const owner = await registerUser(t.url, 'gowner');
    const friend = await registerUser(t.url, 'gfriend');
    const outsider = await registerUser(t.url, 'gout');
    await befriend(owner, friend);
    const word = `Fjord${process.pid % 1000}`;
    const big = await owner.client.createGroup({
      body: { name: `${word} paddlers`, member_ids: [friend.user.id] },
    });
    const exact = await owner.client.createGroup({ body: { name: word, member_ids: [] } });
    const gone = await owner.client.createGroup({ body: { name: `${word} old`, member_ids: [] } });
    await owner.client.dismissGroup({ path: { group_id: gone.id } });
    const seen = await outsider.client.searchAll({ query: { q: word.toLowerCase() } });
    expect(seen.groups.total).toBe(2);
    expect(seen.groups.items.map((g) => g.id)).toEqual([exact.id, big.id]);
    expect(seen.groups.items[1]).toEqual({
      id: big.id,
      name: `${word} paddlers`,
      avatar_url: null,
      description: null,
      member_count: 2,
      is_member: false,
    });
    const mine = await friend.client.searchAll({ query: { q: word } });
    expect(mine.groups.items.find((g) => g.id === big.id)?.is_member).toBe(true);
    expect(mine.groups.items.find((g) => g.id === exact.id)?.is_member).toBe(false);
  });

  it('treats LIKE wildcards literally and refuses a blank or over-long query', async () => {
    const me = await registerUser(t.url, 'wild');
    const found = await me.client.searchAll({ query: { q: '%' } });
    expect(found.users.items).toEqual([]);
    expect(found.groups.items).toEqual([]);
    const token = await me.client.getAccessToken();
    for (const q of ['   ', 'x'.repeat(51)]) {
      const answer = await rawRequest(t.url, 'GET', `/search?q=${encodeURIComponent(q)}`, {
        token,
      });
      expect(answer.status).toBe(422);
      expect(pointers(answer)).toEqual(['/query/q']);
    }
    const tooMany = await rawRequest(t.url, 'GET', '/search?q=a&limit=51', { token });
    expect(tooMany.status).toBe(422);
    expect(pointers(tooMany)).toEqual(['/query/limit']);
  });
});
