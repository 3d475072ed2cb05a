import { describe, expect, it } from 'vitest';
import { SessionFile } from '../src/session/sessionFile.js';
import { fakeApiCli } from './cliSetup.js';
import { aliceAccount, authSession } from './fixtures.js';
import { TEST_SERVER } from './harness.js';

/** Logs in as `username` (the fake server answers with that account's session). */
async function loginAs(
  cli: Awaited<ReturnType<typeof fakeApiCli>>,
  username: string,
  args: string[],
  env = {},
) {
  const user = { ...aliceAccount, id: `u-${username}`, username, nickname: null };
  cli.api.on('POST /auth/login', [200, authSession(user)]);
  return cli.cli(['login', '--username', username, ...args], {
    env: { IMKIT_PASSWORD: 'correct horse battery', ...env },
  });
}

describe('imkit --profile', () => {
  it('keeps each profile logged in to its own account, side by side', async () => {
    const setup = await fakeApiCli();
    expect((await loginAs(setup, 'alice', [])).code).toBe(0);
    expect((await loginAs(setup, 'bob', ['--profile', 'bob'])).code).toBe(0);
    expect((await loginAs(setup, 'carol', [], { IMKIT_PROFILE: 'work' })).code).toBe(0);

    expect((await new SessionFile(setup.configDir).read())?.username).toBe('alice');
    const listed = await setup.cli(['profiles', '--profile', 'bob']);
    expect(listed.stdout).toBe(
      `  default  alice on ${TEST_SERVER}\n` +
        `* bob  bob on ${TEST_SERVER}\n` +
        `  work  carol on ${TEST_SERVER}\n`,
    );
    const json = await setup.cli(['profiles', '--json'], { env: { IMKIT_PROFILE: 'work' } });
    expect(JSON.parse(json.stdout)).toEqual([
      { name: 'default', current: false, username: 'alice', server: TEST_SERVER },
      { name: 'bob', current: false, username: 'bob', server: TEST_SERVER },
      { name: 'work', current: true, username: 'carol', server: TEST_SERVER },
    ]);
  });

  it('logs out one profile only', async () => {
    const setup = await fakeApiCli();
    await loginAs(setup, 'alice', []);
    await loginAs(setup, 'bob', ['--profile', 'bob']);
    setup.api.on('POST /auth/logout', [204]);
    expect((await setup.cli(['logout', '--profile', 'bob'])).code).toBe(0);
    const listed = await setup.cli(['profiles']);
    expect(listed.stdout).toBe(`* default  alice on ${TEST_SERVER}\n  bob  logged out\n`);
  });

  it('refuses a profile name that is not a plain directory name', async () => {
    const setup = await fakeApiCli();
    for (const name of ['../escape', '.hidden', 'a/b', 'x'.repeat(33)]) {
      const { code, stderr } = await setup.cli(['whoami', '--profile', name]);
      expect(code).toBe(2);
      expect(stderr).toContain(`invalid profile name "${name}"`);
    }
  });
});
