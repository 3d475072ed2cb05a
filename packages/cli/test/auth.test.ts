import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionFile } from '../src/session/sessionFile.js';
import { fakeApiCli } from './cliSetup.js';
import { type FakeApi, problem } from './fakeApi.js';
import { aliceAccount, authSession } from './fixtures.js';
import { runCli, scriptedPrompter, TEST_SERVER } from './harness.js';

let api: FakeApi;
let configDir: string;
let cli: Awaited<ReturnType<typeof fakeApiCli>>['cli'];

beforeEach(async () => {
  ({ api, configDir, cli } = await fakeApiCli());
});

describe('imkit register', () => {
  it('creates the account with the password from stdin and stores the session (0600)', async () => {
    api.on('POST /auth/register', [201, authSession()]);
    const { code, stdout, stderr } = await cli(
      ['register', '--username', 'alice', '--email', 'alice@example.com', '--password-stdin'],
      { stdin: 'correct horse battery\n' },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`registered and logged in as alice on ${TEST_SERVER}\n`);
    expect(api.sent('POST /auth/register')[0]?.body).toEqual({
      username: 'alice',
      email: 'alice@example.com',
      password: 'correct horse battery',
    });
    const file = new SessionFile(configDir);
    expect(await file.read()).toMatchObject({
      server: TEST_SERVER,
      username: 'alice',
      tokens: { access_token: 'access-alice', refresh_token: 'refresh-alice', user_id: 'u-alice' },
    });
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
  });

  it("prints the server's field errors and stores nothing on 422", async () => {
    api.on('POST /auth/register', [
      422,
      problem(422, 'validation.failed', 'The request has 1 invalid field.', [
        { pointer: '/body/password', detail: 'must NOT have fewer than 8 characters' },
      ]),
    ]);
    const { code, stdout, stderr } = await cli(['register', '--username', 'alice'], {
      env: { IMKIT_PASSWORD: 'short' },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: The request has 1 invalid field. (validation.failed)\n' +
        '  /body/password: must NOT have fewer than 8 characters\n',
    );
    expect(await new SessionFile(configDir).read()).toBeNull();
  });

  it('asks for the username and the password twice on a terminal', async () => {
    api.on('POST /auth/register', [201, authSession()]);
    const prompter = scriptedPrompter(['alice', 'correct horse battery', 'correct horse battery']);
    const { code } = await cli(['register'], { isTTY: true, prompter });
    expect(code).toBe(0);
    expect(prompter.asked).toEqual(['Username', 'Password', 'Repeat password']);
    expect(api.sent('POST /auth/register')[0]?.body).toEqual({
      username: 'alice',
      password: 'correct horse battery',
    });
  });

  it('fails when the repeated password differs', async () => {
    const prompter = scriptedPrompter(['alice', 'correct horse battery', 'typo']);
    const { code, stderr } = await cli(['register'], { isTTY: true, prompter });
    expect(code).toBe(2);
    expect(stderr).toMatch(/passwords do not match/);
    expect(api.requests).toEqual([]);
  });
});

describe('imkit login', () => {
  it('logs in by email with IMKIT_PASSWORD and prints only JSON with --json', async () => {
    api.on('POST /auth/login', [200, authSession()]);
    const { code, stdout } = await cli(['login', '--email', 'alice@example.com', '--json'], {
      env: { IMKIT_PASSWORD: 'correct horse battery' },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(aliceAccount);
    expect(api.sent('POST /auth/login')[0]?.body).toEqual({
      login: 'alice@example.com',
      password: 'correct horse battery',
    });
    expect((await new SessionFile(configDir).read())?.username).toBe('alice');
  });

  it('prefers --password over IMKIT_PASSWORD', async () => {
    api.on('POST /auth/login', [200, authSession()]);
    await cli(['login', '--username', 'alice', '--password', 'flag-pass'], {
      env: { IMKIT_PASSWORD: 'env-pass' },
    });
    expect(api.sent('POST /auth/login')[0]?.body).toEqual({
      login: 'alice',
      password: 'flag-pass',
    });
  });

  it('prompts for what is missing on a terminal', async () => {
    api.on('POST /auth/login', [200, authSession()]);
    const prompter = scriptedPrompter(['alice', 'correct horse battery']);
    const { code } = await cli(['login'], { isTTY: true, prompter });
    expect(code).toBe(0);
    expect(prompter.asked).toEqual(['Username or email', 'Password']);
  });

  it('reports wrong credentials with the server code and stores nothing', async () => {
    api.on('POST /auth/login', [
      401,
      problem(401, 'auth.invalid_credentials', 'The login or the password is wrong.'),
    ]);
    const { code, stderr } = await cli(['login', '--username', 'alice', '--password', 'nope']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: The login or the password is wrong. (auth.invalid_credentials)\n');
    expect(await new SessionFile(configDir).read()).toBeNull();
  });
});

describe('an unreachable server', () => {
  it('is named in the error, with the reason and how to pick another (issue 6 #11)', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    const { code, stderr } = await runCli(['login', '--username', 'alice', '--password', 'x'], {
      env: { IMKIT_SERVER: server },
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: cannot reach ${server}: ECONNREFUSED (network.failed)\n` +
        'hint: is the server running there? choose another with --server <url> or IMKIT_SERVER\n',
    );
  });
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
