import { describe, expect, it } from 'vitest';
import {
  createFakeFetch,
  json,
  problem,
  type RecordedCall,
  session,
  storedTokens,
} from '../test/fakeFetch.js';
import { createImkitClient } from './createImkitClient.js';
import { isImkitError } from './ImkitError.js';
import { MemoryTokenStore } from './tokenStore.js';

const baseUrl = 'http://imkit.test';

const message = {
  id: 'm1',
  conversation_id: 'c1',
  sender: { id: 'user-1', username: 'alice', nickname: null, avatar_url: null, deleted: false },
  client_message_id: 'cm1',
  content: { type: 'text', text: 'hi' },
  created_at: '2026-11-21T09:35:00.000Z',
};

/** A server whose valid access token is `access-<generation>`; every refresh bumps the generation. */
function rotatingServer(options: { refreshFails?: boolean } = {}) {
  let generation = 2;
  const handler = async (call: RecordedCall) => {
    if (call.path === '/auth/refresh') {
      if (options.refreshFails) return problem(401, 'auth.refresh_token_reused');
      await new Promise((resolve) => setTimeout(resolve, 10));
      generation += 1;
      return json(200, session(generation));
    }
    if (call.authorization !== `Bearer access-${generation}`)
      return problem(401, 'auth.token_expired');
    if (call.path === '/auth/logout') return new Response(null, { status: 204 });
    if (call.path.endsWith('/messages')) return json(201, message);
    return json(200, session(generation).user);
  };
  return createFakeFetch(handler);
}

describe('auth middleware', () => {
  it('saves the session from login and sends its access token afterwards', async () => {
    const { fetch, calls } = createFakeFetch((call) =>
      call.path === '/auth/login' ? json(200, session(1)) : json(200, session(1).user),
    );
    const store = new MemoryTokenStore();
    const client = createImkitClient({ baseUrl, fetch, tokenStore: store });
    await client.login({ body: { login: 'alice', password: 'secret' } });
    await client.getMe();
    expect(calls.map((c) => c.authorization)).toEqual([null, 'Bearer access-1']);
    expect(store.load()).toMatchObject({
      access_token: 'access-1',
      refresh_token: 'refresh-1',
      user_id: 'user-1',
    });
    expect(store.load()?.access_expires_at).toBeGreaterThan(Date.now() + 890_000);
  });

  it('refreshes once on 401 and retries the original request with its body', async () => {
    const { fetch, calls } = rotatingServer();
    const store = new MemoryTokenStore(storedTokens(1));
    const client = createImkitClient({ baseUrl, fetch, tokenStore: store });
    const body = { client_message_id: 'cm1', content: { type: 'text' as const, text: 'hi' } };
    const sent = await client.sendMessage({ path: { conversation_id: 'c1' }, body });
    expect(sent.id).toBe('m1');
    expect(calls.map((c) => `${c.method} ${c.path} ${c.authorization}`)).toEqual([
      'POST /conversations/c1/messages Bearer access-1',
      'POST /auth/refresh null',
      'POST /conversations/c1/messages Bearer access-3',
    ]);
    expect(calls[1]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(calls[2]?.body).toEqual(body);
    expect(store.load()?.access_token).toBe('access-3');
  });

  it('shares one refresh between concurrent 401s', async () => {
    const { fetch, calls } = rotatingServer();
    const client = createImkitClient({
      baseUrl,
      fetch,
      tokenStore: new MemoryTokenStore(storedTokens(1)),
    });
    const users = await Promise.all([client.getMe(), client.getMe(), client.getMe()]);
    expect(users.map((u) => u.id)).toEqual(['user-1', 'user-1', 'user-1']);
    expect(calls.filter((c) => c.path === '/auth/refresh')).toHaveLength(1);
    expect(calls.filter((c) => c.authorization === 'Bearer access-3')).toHaveLength(3);
  });

  it('clears the store and throws the original 401 when the refresh is rejected', async () => {
    const { fetch, calls } = rotatingServer({ refreshFails: true });
    const store = new MemoryTokenStore(storedTokens(1));
    const client = createImkitClient({ baseUrl, fetch, tokenStore: store });
    const error = await client.getMe().catch((e: unknown) => e);
    expect(isImkitError(error, 'auth.token_expired')).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: 'getMe' });
    expect(store.load()).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('refreshes after a refused upload but does not resend it (its body is never copied)', async () => {
    const { fetch, calls } = rotatingServer();
    const store = new MemoryTokenStore(storedTokens(1));
    const client = createImkitClient({ baseUrl, fetch, tokenStore: store });
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'hello.txt');
    const error = await client.uploadFile({ body: form }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, operationId: 'uploadFile' });
    expect(calls.map((c) => c.path)).toEqual(['/files', '/auth/refresh']);
    expect(store.load()?.access_token).toBe('access-3');
  });

  it('clears the store after logout', async () => {
    const { fetch } = rotatingServer();
    const store = new MemoryTokenStore(storedTokens(2));
    const client = createImkitClient({ baseUrl, fetch, tokenStore: store });
    await expect(client.logout()).resolves.toBeUndefined();
    expect(store.load()).toBeNull();
  });

  it('saves the session a restoreAccount issues, without sending a token', async () => {
    const { fetch, calls } = createFakeFetch(() => json(200, session(4)));
    const store = new MemoryTokenStore(storedTokens(2));
    const client = createImkitClient({ baseUrl, fetch, tokenStore: store });
    await client.restoreAccount({ body: { login: 'alice', password: 'secret' } });
    expect(calls.map((c) => c.authorization)).toEqual([null]);
    expect(store.load()).toMatchObject({ access_token: 'access-4', refresh_token: 'refresh-4' });
  });

  it('clears the store once deleteAccount or resetPassword revoked the sessions', async () => {
    const { fetch } = createFakeFetch((call) =>
      call.path === '/me/deletion'
        ? json(200, {
            deleted_at: '2026-11-21T09:35:00.000Z',
            restore_until: '2026-12-21T09:35:00.000Z',
          })
        : new Response(null, { status: 204 }),
    );
    for (const end of [
      (c: ReturnType<typeof createImkitClient>) =>
        c.deleteAccount({ body: { password: 'secret' } }),
      (c: ReturnType<typeof createImkitClient>) =>
        c.resetPassword({
          body: { email: 'a@example.com', code: '123456', new_password: 'new secret!!' },
        }),
    ]) {
      const store = new MemoryTokenStore(storedTokens(2));
      await end(createImkitClient({ baseUrl, fetch, tokenStore: store }));
      expect(store.load()).toBeNull();
    }
  });

  it('refreshes before a request when the access token expires within 30 s', async () => {
    const { fetch, calls } = rotatingServer();
    const tokens = { ...storedTokens(1), access_expires_at: Date.now() + 10_000 };
    const client = createImkitClient({ baseUrl, fetch, tokenStore: new MemoryTokenStore(tokens) });
    await expect(client.getAccessToken()).resolves.toBe('access-3');
    await client.getMe();
    expect(calls.map((c) => c.path)).toEqual(['/auth/refresh', '/me']);
  });

  it('sends no token and does not refresh when logged out', async () => {
    const { fetch, calls } = rotatingServer();
    const client = createImkitClient({ baseUrl, fetch });
    await expect(client.getMe()).rejects.toMatchObject({ code: 'auth.token_expired' });
    expect(calls.map((c) => c.authorization)).toEqual([null]);
  });
});
