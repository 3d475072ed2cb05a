import { newClientMessageId } from '@imkit/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { failure } from './support/expectCode.js';
import { recordingClient } from './support/recordingClient.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser } from './support/users.js';

// These servers enforce the spec's x-rate-limit as written (rateLimitScale 1).
let t: TestServer | undefined;
afterEach(() => t?.close());

const password = 'correct horse battery';
const unique = () => `u${Math.random().toString(36).slice(2, 12)}`;

describe('every operation enforces its declared x-rate-limit (issue 6 #7)', () => {
  it('refuses the 31st message within 10 s with 429, Retry-After and RateLimit headers', async () => {
    t = await startTestServer({ rateLimitScale: 1 });
    const alice = recordingClient(t.url);
    const session = await alice.client.register({ body: { username: unique(), password } });
    const bob = await registerUser(t.url, 'bob');
    await befriend({ client: alice.client, user: session.user, username: '', password }, bob);
    const { id } = await alice.client.openDirectConversation({ body: { user_id: bob.user.id } });
    const send = () =>
      alice.client.sendMessage({
        path: { conversation_id: id },
        body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'hi' } },
      });
    for (let i = 0; i < 30; i += 1) await send();
    expect(alice.last().headers.get('ratelimit')).toMatch(/^"sendMessage";r=0;t=\d+, "overall"/);
    expect(await failure(send())).toEqual({ status: 429, code: 'rate_limited' });
    const refused = alice.last().headers;
    expect(Number(refused.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(refused.get('ratelimit-policy')).toBe('"sendMessage";q=30;w=10');
    expect(refused.get('ratelimit')).toMatch(/^"sendMessage";r=0;t=\d+$/);
  });

  it('limits registrations per client address to 10 a minute', async () => {
    t = await startTestServer({ rateLimitScale: 1 });
    const register = () =>
      recordingClient(t!.url).client.register({ body: { username: unique(), password } });
    for (let i = 0; i < 10; i += 1) await register();
    expect(await failure(register())).toEqual({ status: 429, code: 'rate_limited' });
  });

  it('limits friend requests to 20 an hour per user, whatever their outcome', async () => {
    t = await startTestServer({ rateLimitScale: 1 });
    const alice = await registerUser(t.url, 'alice');
    const bob = await registerUser(t.url, 'bob');
    const ask = () => alice.client.sendFriendRequest({ body: { user_id: bob.user.id } });
    await ask();
    for (let i = 1; i < 20; i += 1) expect((await failure(ask())).status).toBe(409);
    expect(await failure(ask())).toEqual({ status: 429, code: 'rate_limited' });
  });

  it('answers 429 to a flood of invalid tokens from one address before checking them', async () => {
    t = await startTestServer({ rateLimitScale: 1 });
    const me = (token: string) =>
      fetch(`${t!.url}/me`, { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < 60; i += 1) expect((await me(`forged-${i}`)).status).toBe(401);
    const refused = await me('forged-61');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { code: string }).code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('ratelimit-policy')).toBe('"auth_failures";q=60;w=60');
  });

  it('refuses a realtime upgrade over the limit with 429 before the WebSocket opens', async () => {
    t = await startTestServer({ rateLimitScale: 1 });
    const connect = () =>
      new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
        const ws = new WebSocket(`${t!.url.replace('http', 'ws')}/realtime`);
        ws.once('open', () => {
          ws.close();
          resolve({ status: 101 });
        });
        ws.once('unexpected-response', (_request, response) => {
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: response.headers['retry-after'],
          });
          response.resume();
        });
        ws.once('error', reject);
      });
    for (let i = 0; i < 30; i += 1) expect((await connect()).status).toBe(101);
    const refused = await connect();
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
  });
});

describe('client addresses behind a proxy', () => {
  const registerFrom = (url: string, address: string) =>
    recordingClient(url, { 'X-Forwarded-For': address }).client.register({
      body: { username: unique(), password },
    });

  it('ignores X-Forwarded-For by default, so a client cannot dodge an ip limit with it', async () => {
    t = await startTestServer({ rateLimitScale: 1 });
    for (let i = 0; i < 10; i += 1) await registerFrom(t.url, `203.0.113.${i}`);
    expect(await failure(registerFrom(t.url, '203.0.113.99'))).toMatchObject({ status: 429 });
  });

  it('counts per forwarded address when the proxy is trusted (IMKIT_TRUST_PROXY)', async () => {
    t = await startTestServer({ rateLimitScale: 1, trustProxy: true });
    for (let i = 0; i < 10; i += 1) await registerFrom(t.url, '203.0.113.1');
    expect(await failure(registerFrom(t.url, '203.0.113.1'))).toMatchObject({ status: 429 });
    await registerFrom(t.url, '198.51.100.1, 203.0.113.2');
  });
});
