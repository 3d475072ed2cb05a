import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isImkitError } from '@imkit/sdk';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest } from '../src/auth/authenticateRequest.js';
import { buildRouter } from '../src/http/buildRouter.js';
import { problemMiddleware } from '../src/http/problemMiddleware.js';
import { compileValidators } from '../src/spec/compileValidators.js';
import { loadSpec } from '../src/spec/loadSpec.js';
import { forgeAccessToken, sessionIdOf } from './support/forgeToken.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { newClient, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isImkitError(error)) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('accounts and sessions', () => {
  it('registers, then logs in by username and by email', async () => {
    const alice = await registerUser(t.url, 'alice');
    expect(alice.user.username).toBe(alice.username);
    const byName = newClient(t.url);
    await byName.login({ body: { login: alice.username.toUpperCase(), password: alice.password } });
    expect((await byName.getMe()).id).toBe(alice.user.id);
    const byEmail = newClient(t.url);
    await byEmail.login({
      body: { login: `${alice.username}@example.com`, password: alice.password },
    });
    expect((await byEmail.getMe()).id).toBe(alice.user.id);
  });

  it('rejects a duplicate username, case-insensitively', async () => {
    const alice = await registerUser(t.url, 'dup');
    const again = newClient(t.url).register({
      body: { username: alice.username.toUpperCase(), password: 'another password' },
    });
    expect(await codeOf(again)).toBe('user.username_taken');
  });

  it('names each invalid field', async () => {
    try {
      await newClient(t.url).register({ body: { username: 'a', password: 'short' } });
      expect.unreachable();
    } catch (error) {
      if (!isImkitError(error)) throw error;
      expect(error.status).toBe(422);
      expect(error.errors.map((e) => e.pointer).sort()).toEqual([
        '/body/password',
        '/body/username',
      ]);
    }
  });

  it('does not tell a wrong password from an unknown user', async () => {
    const alice = await registerUser(t.url, 'pw');
    const wrong = newClient(t.url).login({
      body: { login: alice.username, password: 'wrong password' },
    });
    const unknown = newClient(t.url).login({
      body: { login: 'nobody-here', password: 'wrong password' },
    });
    expect(await codeOf(wrong)).toBe('auth.invalid_credentials');
    expect(await codeOf(unknown)).toBe('auth.invalid_credentials');
  });

  it('rejects a forged token and an expired one', async () => {
    const alice = await registerUser(t.url, 'tok');
    const tokens = (await alice.client.getTokens())!;
    const now = Math.floor(Date.now() / 1000);
    const sessionId = sessionIdOf(tokens.access_token);
    const forged = await forgeAccessToken({
      userId: alice.user.id,
      sessionId,
      expiresAt: now + 300,
      secret: 'not-the-server-secret-not-the-server-secret',
    });
    const expired = await forgeAccessToken({
      userId: alice.user.id,
      sessionId,
      expiresAt: now - 60,
    });
    const call = (token: string) =>
      fetch(`${t.url}/me`, { headers: { Authorization: `Bearer ${token}` } }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code: string },
      }));
    expect(await call(forged)).toMatchObject({ status: 401, body: { code: 'auth.token_invalid' } });
    expect(await call(expired)).toMatchObject({
      status: 401,
      body: { code: 'auth.token_expired' },
    });
    const none = await fetch(`${t.url}/me`);
    expect(((await none.json()) as { code: string }).code).toBe('auth.unauthenticated');
  });

  it('refreshes an expired access token transparently in the SDK', async () => {
    const alice = await registerUser(t.url, 'exp');
    const tokens = (await alice.client.getTokens())!;
    const expired = await forgeAccessToken({
      userId: alice.user.id,
      sessionId: sessionIdOf(tokens.access_token),
      expiresAt: Math.floor(Date.now() / 1000) - 60,
    });
    await alice.client.setTokens({
      ...tokens,
      access_token: expired,
      access_expires_at: Date.now() + 600_000,
    });
    expect((await alice.client.getMe()).id).toBe(alice.user.id);
    const after = (await alice.client.getTokens())!;
    expect(after.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('rotates refresh tokens and revokes the session when an old one is reused', async () => {
    const alice = await registerUser(t.url, 'rot');
    const first = (await alice.client.getTokens())!.refresh_token;
    const attacker = newClient(t.url);
    const rotated = await attacker.refreshToken({ body: { refresh_token: first } });
    expect(rotated.refresh_token).not.toBe(first);
    expect(await codeOf(newClient(t.url).refreshToken({ body: { refresh_token: first } }))).toBe(
      'auth.refresh_token_reused',
    );
    // The whole session is gone: the rotated token and the access token stop working.
    expect(
      await codeOf(
        newClient(t.url).refreshToken({ body: { refresh_token: rotated.refresh_token } }),
      ),
    ).toBe('auth.refresh_token_invalid');
    const probe = await fetch(`${t.url}/me`, {
      headers: { Authorization: `Bearer ${rotated.access_token}` },
    });
    expect(((await probe.json()) as { code: string }).code).toBe('auth.session_revoked');
  });

  it('logs out one session only', async () => {
    const alice = await registerUser(t.url, 'out');
    const other = newClient(t.url);
    await other.login({ body: { login: alice.username, password: alice.password } });
    const before = (await alice.client.getTokens())!;
    await alice.client.logout();
    expect(await alice.client.getTokens()).toBeNull();
    const probe = await fetch(`${t.url}/me`, {
      headers: { Authorization: `Bearer ${before.access_token}` },
    });
    expect(((await probe.json()) as { code: string }).code).toBe('auth.session_revoked');
    expect((await other.getMe()).id).toBe(alice.user.id);
  });

  it('answers malformed JSON with a problem', async () => {
    const response = await fetch(`${t.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('request.malformed');
  });
});

describe('operations the server does not implement yet', () => {
  it('answers 501 operation.not_implemented after authentication, not 404', async () => {
    // A router built from the real spec whose handler map lacks one operation (listBlocks),
    // authenticating with the running server's services.
    const spec = loadSpec();
    const services = t.server.services;
    const { router, unimplemented } = buildRouter({
      spec,
      validators: compileValidators(spec),
      handlers: { getMe: async () => ({ status: 200, body: { probe: true } }) },
      authenticate: (ctx) => authenticateRequest(services, ctx),
      beforeOperation: async () => {},
      authorize: async () => undefined,
    });
    expect(unimplemented).toContain('listBlocks');
    expect(unimplemented).not.toContain('getMe');
    const app = new Koa();
    app.use(problemMiddleware(services.logger));
    app.use(router.routes());
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const alice = await registerUser(t.url, 'nyi');
      const headers = { Authorization: `Bearer ${(await alice.client.getTokens())!.access_token}` };
      const response = await fetch(`${url}/blocks`, { headers });
      expect(response.status).toBe(501);
      expect(((await response.json()) as { code: string }).code).toBe('operation.not_implemented');
      expect((await fetch(`${url}/me`, { headers })).status).toBe(200);
      const anonymous = await fetch(`${url}/blocks`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { code: string }).code).toBe('auth.unauthenticated');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers a path outside the contract with 404', async () => {
    const response = await fetch(`${t.url}/no-such-operation`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('route.not_found');
  });
});
