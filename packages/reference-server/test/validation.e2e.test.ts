import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointers, rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, friendsWithConversation, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** A logged-in user, its token and a conversation with a friend holding `messages` messages. */
async function setup(messages = 0) {
  const { alice, bob, conversationId } = await friendsWithConversation(t.url);
  const token = await alice.client.getAccessToken();
  for (let i = 0; i < messages; i += 1) {
    await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text: `m${i}` } },
    });
  }
  const get = (path: string) => rawRequest(t.url, 'GET', path, { token });
  return { alice, bob, conversationId, token, get };
}

/** Every list operation this server implements, as a path that takes `limit` and `after`. */
const lists = (conversationId: string) => [
  `/conversations/${conversationId}/messages?`,
  '/conversations?',
  '/friends?',
  '/friend-requests?',
  '/users?q=a&',
];

describe('every parameter is validated against the spec (issue 6 #6)', () => {
  it('refuses a bad or repeated limit on every list with 422 naming /query/limit', async () => {
    const { conversationId, get } = await setup();
    for (const path of lists(conversationId)) {
      for (const limit of [
        'limit=abc',
        'limit=1.5',
        'limit=0',
        'limit=101',
        'limit=2&limit=3',
        'limit=',
        'limit=0x10',
      ]) {
        const answer = await get(`${path}${limit}`);
        expect([path, limit, answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
          path,
          limit,
          422,
          'validation.failed',
          '/query/limit',
        ]);
      }
    }
  });

  it('takes limit=1 and limit=100 as given', async () => {
    const { conversationId, get } = await setup(3);
    const one = await get(`/conversations/${conversationId}/messages?limit=1`);
    expect([one.status, (one.body?.items as unknown[] | undefined)?.length]).toEqual([200, 1]);
    const hundred = await get(`/conversations/${conversationId}/messages?limit=100`);
    expect([hundred.status, (hundred.body?.items as unknown[] | undefined)?.length]).toEqual([
      200, 3,
    ]);
  });

  it('refuses a query parameter the operation does not have', async () => {
    const { get } = await setup();
    const answer = await get('/conversations?limt=5');
    expect([answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
      422,
      'validation.failed',
      '/query/limt',
    ]);
  });

  it('validates path parameters given by $ref', async () => {
    const { get } = await setup();
    const answer = await get(`/conversations/${'x'.repeat(65)}`);
    expect([answer.status, ...pointers(answer)]).toEqual([422, '/path/conversation_id']);
  });
});

describe('cursors are opaque and tamper-evident (issue 6 #6)', () => {
  it('answers 422 cursor.invalid naming the parameter for altered, foreign or garbage cursors', async () => {
    const { alice, conversationId, get } = await setup(3);
    const page = await alice.client.listMessages({
      path: { conversation_id: conversationId },
      query: { limit: 1 },
    });
    const cursor = page.next_cursor!;
    const other = await friendsWithConversation(t.url);
    await befriend(alice, other.bob);
    const foreignList = await alice.client.openDirectConversation({
      body: { user_id: other.bob.user.id },
    });
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const forged = Buffer.from('["messages",1e400]').toString('base64url');
    const bad = [
      flip(cursor, 0),
      flip(cursor, cursor.length - 1),
      `${cursor}.x`,
      'abc',
      '....',
      forged,
      `${forged}.${cursor.split('.')[1]}`,
    ];
    for (const after of bad) {
      const answer = await get(
        `/conversations/${conversationId}/messages?after=${encodeURIComponent(after)}`,
      );
      expect([after, answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
        after,
        422,
        'cursor.invalid',
        '/query/after',
      ]);
    }
    const before = await get(`/conversations/${conversationId}/messages?before=abc`);
    expect([before.body?.code, ...pointers(before)]).toEqual(['cursor.invalid', '/query/before']);
    for (const path of [
      `/conversations/${foreignList.id}/messages?`,
      '/conversations?',
      '/friends?',
      '/users?q=a&',
    ]) {
      const answer = await get(`${path}after=${encodeURIComponent(cursor)}`);
      expect([path, answer.status, answer.body?.code]).toEqual([path, 422, 'cursor.invalid']);
    }
    const good = await get(
      `/conversations/${conversationId}/messages?before=${encodeURIComponent(cursor)}`,
    );
    expect(good.status).toBe(200);
  });

  it("refuses another user's cursor for the same list", async () => {
    const a = await setup();
    const b = await setup();
    for (const user of [a, b]) {
      for (let i = 0; i < 2; i += 1) {
        const friend = await registerUser(t.url, 'pal');
        await befriend(user.alice, friend);
      }
    }
    const page = await a.alice.client.listFriends({ query: { limit: 1 } });
    const answer = await b.get(`/friends?after=${encodeURIComponent(page.next_cursor!)}`);
    expect([answer.status, answer.body?.code]).toEqual([422, 'cursor.invalid']);
    const own = await a.get(`/friends?after=${encodeURIComponent(page.next_cursor!)}`);
    expect(own.status).toBe(200);
  });
});

describe('bodies are bounded before anything recursive touches them (issue 6 #5, #8)', () => {
  it('answers a 5,000-deep body with 422 and a pointer, not 500', async () => {
    const { conversationId, token } = await setup();
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const body = `{"client_message_id":"m1","content":{"type":"custom","custom_type":"x","payload":${deep}}}`;
    const answer = await rawRequest(t.url, 'POST', `/conversations/${conversationId}/messages`, {
      token,
      body,
    });
    expect([answer.status, answer.body?.code]).toEqual([422, 'validation.failed']);
    expect(pointers(answer)[0]).toMatch(/^\/body\/content\/payload(\/a)+$/);
    const register = await rawRequest(t.url, 'POST', '/auth/register', {
      body: `[${'['.repeat(5000)}${']'.repeat(5000)}]`,
    });
    expect([register.status, ...pointers(register)]).toEqual([422, `/body${'/0'.repeat(32)}`]);
  });

  it('answers 20,000 unknown fields with a small 422 that counts them', async () => {
    const fields = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}`, 1]));
    const body = {
      [`k${'x'.repeat(2000)}`]: 1,
      username: 'valid_name',
      password: 'correct horse battery',
      ...fields,
    };
    const answer = await rawRequest(t.url, 'POST', '/auth/register', { body });
    expect([answer.status, answer.body?.code]).toEqual([422, 'validation.failed']);
    expect(answer.body?.errors).toHaveLength(10);
    expect(answer.body?.errors_total).toBe(20_001);
    expect(answer.bytes).toBeLessThan(8192);
    // The 2 KB property name is cut to the spec's 500 characters (the contract check sees it).
    const [first] = answer.body?.errors ?? [];
    expect(first?.pointer).toHaveLength(500);
  });
});

describe('free-text queries (issue 6 #8)', () => {
  it('refuses a q with NUL or other control characters, or a blank q, instead of listing everyone', async () => {
    const { get } = await setup();
    for (const q of ['\u0000', 'a\u0000', '\u0007', '\u202Eab', '   ']) {
      const answer = await get(`/users?q=${encodeURIComponent(q)}`);
      expect([JSON.stringify(q), answer.status, ...pointers(answer)]).toEqual([
        JSON.stringify(q),
        422,
        '/query/q',
      ]);
    }
  });
});
