import { beforeEach, describe, expect, it } from 'vitest';
import { SessionFile } from '../src/session/sessionFile.js';
import { loggedInCli } from './cliSetup.js';
import { type FakeApi, problem } from './fakeApi.js';
import { aliceAccount, authSession } from './fixtures.js';
import { scriptedPrompter } from './harness.js';

let api: FakeApi;
let configDir: string;
let cli: Awaited<ReturnType<typeof loggedInCli>>['cli'];

beforeEach(async () => {
  ({ api, configDir, cli } = await loggedInCli());
});

const me = { ...aliceAccount, email_verified: false, bio: 'Climber', gender: 'female' as const };

describe('imkit profile', () => {
  it('shows the account, one field per line', async () => {
    api.on('GET /me', [200, me]);
    const { code, stdout } = await cli(['profile']);
    expect(code).toBe(0);
    expect(stdout).toContain('username: alice\n');
    expect(stdout).toContain('email:    alice@example.com (not verified)\n');
    expect(stdout).toContain('bio:      Climber\n');
    expect(stdout).toContain('phone:    -\n');
  });

  it('sets only the given fields; an empty value removes one', async () => {
    api.on('PATCH /me', [200, { ...me, nickname: 'Al', bio: null }]);
    const { code, stderr } = await cli(['profile', 'set', '--nickname', 'Al', '--bio', '']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(api.sent('PATCH /me')[0]?.body).toEqual({ nickname: 'Al', bio: null });
  });

  it('uses an http(s) avatar URL as it is, and refuses an unknown gender or nothing to set', async () => {
    api.on('PATCH /me', [200, me]);
    await cli(['profile', 'set', '--avatar', 'https://cdn.example.com/a.png']);
    expect(api.sent('PATCH /me')[0]?.body).toEqual({ avatar_url: 'https://cdn.example.com/a.png' });
    expect((await cli(['profile', 'set', '--gender', 'robot'])).code).toBe(2);
    expect((await cli(['profile', 'set'])).code).toBe(2);
    expect(api.sent('PATCH /me')).toHaveLength(1);
  });
});

describe('imkit passwd', () => {
  it('asks for the current password and the new one twice, hidden, on a terminal', async () => {
    api.on('PUT /me/credentials', [200, me]);
    const prompter = scriptedPrompter(['old password!', 'new passphrase', 'new passphrase']);
    const { code, stdout } = await cli(['passwd'], { isTTY: true, prompter });
    expect(code).toBe(0);
    expect(prompter.asked).toEqual(['Current password', 'New password', 'Repeat new password']);
    expect(stdout).toBe('password changed; your other devices were logged out\n');
    expect(api.sent('PUT /me/credentials')[0]?.body).toEqual({
      current_password: 'old password!',
      new_password: 'new passphrase',
    });
  });

  it('reads both passwords from stdin in scripts, or from the environment', async () => {
    api.on('PUT /me/credentials', [200, me]);
    await cli(['passwd', '--password-stdin'], { stdin: 'old password!\nnew passphrase\n' });
    await cli(['passwd'], {
      env: { IMKIT_PASSWORD: 'old password!', IMKIT_NEW_PASSWORD: 'env passphrase' },
    });
    expect(api.sent('PUT /me/credentials').map((r) => r.body)).toEqual([
      { current_password: 'old password!', new_password: 'new passphrase' },
      { current_password: 'old password!', new_password: 'env passphrase' },
    ]);
  });

  it('fails without a terminal or stdin, and prints a wrong current password', async () => {
    const missing = await cli(['passwd']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Current password/);
    api.on('PUT /me/credentials', [
      403,
      problem(403, 'auth.password_incorrect', 'The current password is wrong.'),
    ]);
    const wrong = await cli(['passwd', '--password-stdin'], { stdin: 'nope\nnew passphrase\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The current password is wrong. (auth.password_incorrect)');
  });
});

describe('imkit password-reset', () => {
  it('sends a code, then sets the password from the code and new password on stdin', async () => {
    api.on('POST /auth/email-codes', [202, { expires_in: 600, resend_after: 60 }]);
    api.on('POST /auth/password-reset', [204]);
    const { code, stdout, stderr } = await cli(['password-reset', 'alice@example.com'], {
      stdin: '123456\nbrand new passphrase\n',
    });
    expect(stderr).toContain('a code was sent');
    expect(code).toBe(0);
    expect(stdout).toBe('password changed; log in with it (`imkit login`)\n');
    expect(api.sent('POST /auth/email-codes')[0]?.body).toEqual({
      email: 'alice@example.com',
      purpose: 'reset_password',
    });
    expect(api.sent('POST /auth/password-reset')[0]?.body).toEqual({
      email: 'alice@example.com',
      code: '123456',
      new_password: 'brand new passphrase',
    });
  });

  it('asks for the code and the new password on a terminal; --code sends no mail', async () => {
    api.on('POST /auth/password-reset', [204]);
    const prompter = scriptedPrompter(['654321', 'brand new passphrase', 'brand new passphrase']);
    const { code } = await cli(['password-reset', 'alice@example.com', '--code', '654321'], {
      isTTY: true,
      prompter: scriptedPrompter(['brand new passphrase', 'brand new passphrase']),
    });
    expect(code).toBe(0);
    expect(api.sent('POST /auth/email-codes')).toHaveLength(0);
    api.on('POST /auth/email-codes', [202, { expires_in: 600, resend_after: 60 }]);
    expect((await cli(['password-reset', 'a@example.com'], { isTTY: true, prompter })).code).toBe(
      0,
    );
    expect(prompter.asked).toEqual(['Code from the email', 'New password', 'Repeat new password']);
  });
});

describe('imkit email verify', () => {
  it('sends a code to the account email and verifies the code read from stdin', async () => {
    api.on('GET /me', [200, me]);
    api.on('POST /auth/email-codes', [202, { expires_in: 600, resend_after: 60 }]);
    api.on('POST /me/email-verification', [200, { ...me, email_verified: true }]);
    const { code, stdout } = await cli(['email', 'verify'], { stdin: '493817\n' });
    expect(code).toBe(0);
    expect(stdout).toBe('alice@example.com is verified\n');
    expect(api.sent('POST /auth/email-codes')[0]?.body).toEqual({
      email: 'alice@example.com',
      purpose: 'verify_email',
    });
    expect(api.sent('POST /me/email-verification')[0]?.body).toEqual({ code: '493817' });
  });
});

describe('imkit account', () => {
  it('deletes with --yes in scripts, forgets the session and says until when to restore', async () => {
    api.on('POST /me/deletion', [
      200,
      {
        user_id: aliceAccount.id,
        deleted_at: '2026-11-21T10:00:00.000Z',
        restore_until: '2026-12-21T10:00:00.000Z',
      },
    ]);
    const refused = await cli(['account', 'delete'], { env: { IMKIT_PASSWORD: 'pw' } });
    expect(refused.code).toBe(2);
    expect(api.sent('POST /me/deletion')).toHaveLength(0);
    const { code, stdout } = await cli(['account', 'delete', '--yes', '--password-stdin'], {
      stdin: 'correct horse battery\n',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('restore it until 2026-12-21');
    expect(api.sent('POST /me/deletion')[0]?.body).toEqual({ password: 'correct horse battery' });
    expect(await new SessionFile(configDir).read()).toBeNull();
  });

  it('asks for the username before deleting on a terminal, and stops on a mismatch', async () => {
    const prompter = scriptedPrompter(['bob']);
    const { code } = await cli(['account', 'delete'], { isTTY: true, prompter });
    expect(code).toBe(2);
    expect(prompter.asked).toEqual(['Type your username (alice) to delete it']);
    expect(api.sent('POST /me/deletion')).toHaveLength(0);
  });

  it('restores and stores the new session', async () => {
    api.on('POST /auth/restore', [200, authSession()]);
    const { code, stdout } = await cli(['account', 'restore', '--username', 'alice'], {
      env: { IMKIT_PASSWORD: 'correct horse battery' },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('account restored; logged in as alice');
    expect(await new SessionFile(configDir).read()).toMatchObject({
      username: 'alice',
      tokens: { access_token: 'access-alice', refresh_token: 'refresh-alice' },
    });
  });

  it('points a login to a deleted account at `imkit account restore`', async () => {
    api.on('POST /auth/login', [
      403,
      problem(403, 'account.deleted', 'This account was deleted; restore it until 2026-12-21.'),
    ]);
    const { code, stderr } = await cli(['login', '--username', 'alice'], {
      env: { IMKIT_PASSWORD: 'correct horse battery' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('restore it until 2026-12-21');
    expect(stderr).toContain('hint: run `imkit account restore`');
  });
});
