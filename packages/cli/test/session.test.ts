import { createImkitClient } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionFile } from '../src/session/sessionFile.js';
import { fakeApiCli } from './cliSetup.js';
import { type FakeApi, problem } from './fakeApi.js';
import { aliceAccount, authSession } from './fixtures.js';
import { seedSession, TEST_SERVER } from './harness.js';

let api: FakeApi;
let configDir: string;
let cli: Awaited<ReturnType<typeof fakeApiCli>>['cli'];

beforeEach(async () => {
  ({ api, configDir, cli } = await fakeApiCli());
});

describe('imkit whoami', () => {
  it('asks the server with the stored token', async () => {
    await seedSession(configDir);
    api.on('GET /me', [200, aliceAccount]);
    const { code, stdout } = await cli(['whoami']);
    expect(code).toBe(0);
    expect(stdout).toBe(`alice (Alice) <alice@example.com> on ${TEST_SERVER}\n`);
    expect(api.sent('GET /me')[0]?.authorization).toBe('Bearer access-alice');
  });

  it('prints the account as JSON with --json', async () => {
    await seedSession(configDir);
    api.on('GET /me', [200, aliceAccount]);
    const { stdout } = await cli(['whoami', '--json']);
    expect(JSON.parse(stdout)).toEqual(aliceAccount);
  });

  it('uses the server of the stored session when none is given', async () => {
    await seedSession(configDir);
    api.on('GET /me', [200, aliceAccount]);
    const { code } = await cli(['whoami'], { env: { IMKIT_SERVER: undefined } });
    expect(code).toBe(0);
    expect(api.requests.map((r) => `${r.origin}${r.path}`)).toEqual([`${TEST_SERVER}/me`]);
  });

  it('persists refreshed tokens and keeps the username', async () => {
    await seedSession(configDir, { access_expires_at: Date.now() - 1000 });
    api.on('POST /auth/refresh', [
      200,
      { ...authSession(), access_token: 'access-2', refresh_token: 'refresh-2' },
    ]);
    api.on('GET /me', [200, aliceAccount]);
    const { code } = await cli(['whoami']);
    expect(code).toBe(0);
    expect(api.sent('POST /auth/refresh')[0]?.body).toEqual({ refresh_token: 'refresh-alice' });
    expect(api.sent('GET /me')[0]?.authorization).toBe('Bearer access-2');
    expect(await new SessionFile(configDir).read()).toMatchObject({
      username: 'alice',
      tokens: { access_token: 'access-2', refresh_token: 'refresh-2' },
    });
  });

  it('hints at logging in again when the session was revoked', async () => {
    await seedSession(configDir);
    api.on('GET /me', [401, problem(401, 'auth.session_revoked', 'The session was logged out.')]);
    api.on('POST /auth/refresh', [
      401,
      problem(401, 'auth.refresh_token_invalid', 'The refresh token is invalid.'),
    ]);
    const { code, stderr } = await cli(['whoami']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: .+ \(auth\.[a-z_]+\)\nhint: run `imkit login`/);
  });

  it('uses no session stored for another server', async () => {
    await seedSession(configDir);
    const { code, stderr } = await cli(['whoami'], { env: { IMKIT_SERVER: 'http://other:1' } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: not logged in to http:\/\/other:1\n/);
    expect(api.requests).toEqual([]);
  });
});

describe('imkit logout', () => {
  it('revokes the session on the server and deletes it locally', async () => {
    await seedSession(configDir);
    api.on('POST /auth/logout', [204]);
    const { code, stdout } = await cli(['logout']);
    expect(code).toBe(0);
    expect(stdout).toBe(`logged out alice from ${TEST_SERVER}\n`);
    expect(api.sent('POST /auth/logout')[0]?.authorization).toBe('Bearer access-alice');
    expect(await new SessionFile(configDir).read()).toBeNull();
  });

  it('logs out locally and says the server was not told when it is down (issue 6 #14)', async () => {
    await seedSession(configDir);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { code, stdout, stderr } = await cli(['logout'], {
      createClient: (o) =>
        createImkitClient({
          ...o,
          fetch: async () => {
            throw new TypeError('fetch failed', { cause: refused });
          },
        }),
    });
    expect(code).toBe(0);
    expect(await new SessionFile(configDir).read()).toBeNull();
    expect(stdout).toBe('logged out alice on this machine\n');
    expect(stderr).toBe(
      `warning: could not tell the server: cannot reach ${TEST_SERVER}: ECONNREFUSED (network.failed)\n` +
        `warning: the session stays valid on ${TEST_SERVER} until it expires\n`,
    );
  });

  it('deletes the local session when the server no longer knows it', async () => {
    await seedSession(configDir);
    api.on('POST /auth/logout', [401, problem(401, 'auth.session_revoked', 'Revoked.')]);
    api.on('POST /auth/refresh', [401, problem(401, 'auth.refresh_token_invalid', 'Invalid.')]);
    const { code } = await cli(['logout']);
    expect(code).toBe(0);
    expect(await new SessionFile(configDir).read()).toBeNull();
  });
});
