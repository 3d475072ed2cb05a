import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createImkitClient } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractCheckingFetch } from '../../reference-server/test/support/contractCheck.js';
import {
  type SmtpTestServer,
  startSmtpTestServer,
} from '../../reference-server/test/support/smtpTestServer.js';
import { type CliResult, interactiveStdin, runCli, tempConfigDir } from './harness.js';
import {
  ok,
  PASSWORD,
  registeredUser,
  startTestServer,
  type TerminalUser,
  type TestServer,
} from './support/realServer.js';

/** A 1×1 transparent PNG. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let smtp: SmtpTestServer;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtpTestServer();
  server = await startTestServer({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

/**
 * Runs `imkit <args>` in `configDir` with a stdin the test writes to while it runs: `answer`
 * gets the lines to write once `ready` resolved (e.g. the code from the mail).
 */
async function runAnswering(
  configDir: string,
  args: string[],
  answer: () => Promise<string>,
): Promise<CliResult> {
  const stdin = interactiveStdin();
  const running = runCli(args, {
    configDir,
    stdin,
    env: { IMKIT_SERVER: server.url },
    createClient: (options) => createImkitClient({ ...options, fetch: contractCheckingFetch }),
  });
  stdin.end(await answer());
  return running;
}

/** A user registered with the CLI whose account has `email`, set with `imkit email set`. */
async function userWithEmail(name: string): Promise<TerminalUser & { email: string }> {
  const user = await registeredUser(server.url, name);
  const email = `${name}@example.com`;
  await ok(user, ['email', 'set', email, '--password-stdin'], PASSWORD);
  return { ...user, email };
}

describe('imkit password-reset (issue 11: done when)', () => {
  it('reads the code from the mail a real SMTP server received and sets the new password', async () => {
    const ann = await userWithEmail('acc_ann');
    // Someone on another machine who cannot log in.
    const elsewhere = await tempConfigDir();
    const reset = await runAnswering(elsewhere, ['password-reset', ann.email], async () => {
      const code = await smtp.codeFor(ann.email, 1);
      return `${code}\na brand new passphrase\n`;
    });
    expect(reset, reset.stderr).toMatchObject({ code: 0 });
    expect(reset.stdout).toBe('password changed; log in with it (`imkit login`)\n');
    expect(reset.stderr).not.toMatch(/\d{6}/);
    // The old session ended with the reset; the old password no longer works, the new one does.
    const stale = await ann.run(['whoami']);
    expect(stale.code).toBe(1);
    const old = await ann.run(['login', '--username', ann.username, '--password-stdin'], PASSWORD);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('auth.invalid_credentials');
    await ok(
      ann,
      ['login', '--username', ann.username, '--password-stdin'],
      'a brand new passphrase',
    );
    // The code worked once.
    const again = await runCli(
      ['password-reset', ann.email, '--code', await smtp.codeFor(ann.email, 1)],
      {
        configDir: elsewhere,
        env: { IMKIT_SERVER: server.url, IMKIT_NEW_PASSWORD: 'another passphrase' },
      },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('auth.email_code_invalid');
  });

  it('says the same for an address without an account, and no mail goes out', async () => {
    const elsewhere = await tempConfigDir();
    const result = await runAnswering(
      elsewhere,
      ['password-reset', 'nobody-here@example.com'],
      async () => '000000\na brand new passphrase\n',
    );
    expect(result.stderr).toContain('if nobody-here@example.com belongs to an account');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('auth.email_code_invalid');
    expect(smtp.mailsTo('nobody-here@example.com')).toHaveLength(0);
  });
});

describe('imkit email verify, passwd and profile', () => {
  it('verifies the email with the mailed code read from stdin', async () => {
    const ben = await userWithEmail('acc_ben');
    expect(await ok(ben, ['profile'])).toContain(`email:    ${ben.email} (not verified)`);
    const verify = await runAnswering(ben.configDir, ['email', 'verify'], async () => {
      return `${await smtp.codeFor(ben.email, 1)}\n`;
    });
    expect(verify, verify.stderr).toMatchObject({ code: 0 });
    expect(verify.stdout).toBe(`${ben.email} is verified\n`);
    expect(await ok(ben, ['profile'])).toContain(`email:    ${ben.email} (verified)`);
  });

  it('changes the password, refusing a wrong current one, and sets the profile', async () => {
    const cat = await registeredUser(server.url, 'acc_cat');
    const wrong = await cat.run(
      ['passwd', '--password-stdin'],
      'not my password\nnew passphrase!\n',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('auth.password_incorrect');
    await ok(cat, ['passwd', '--password-stdin'], `${PASSWORD}\nnew passphrase!\n`);
    await ok(cat, ['whoami']);
    await ok(cat, ['login', '--username', cat.username, '--password-stdin'], 'new passphrase!');
    const set = await ok(cat, ['profile', 'set', '--nickname', 'Cat', '--bio', 'Climbs', '--json']);
    expect(JSON.parse(set)).toMatchObject({ nickname: 'Cat', bio: 'Climbs' });
    const cleared = await ok(cat, ['profile', 'set', '--bio', '', '--json']);
    expect(JSON.parse(cleared)).toMatchObject({ nickname: 'Cat', bio: null });
  });

  it('uploads a local image as the avatar and sets its URL', async () => {
    const eve = await registeredUser(server.url, 'acc_eve');
    const image = join(await tempConfigDir(), 'me.png');
    await writeFile(image, Buffer.from(PNG_1X1, 'base64'));
    const set = JSON.parse(await ok(eve, ['profile', 'set', '--avatar', image, '--json']));
    expect(set.avatar_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/[^/]+\/content$/);
    const removed = JSON.parse(await ok(eve, ['profile', 'set', '--avatar', '', '--json']));
    expect(removed.avatar_url).toBeNull();
  });
});

describe('imkit account delete and restore', () => {
  it('deletes, refuses the login with a hint, and restores', async () => {
    const dan = await registeredUser(server.url, 'acc_dan');
    const deleted = await ok(dan, ['account', 'delete', '--yes', '--password-stdin'], PASSWORD);
    expect(deleted).toMatch(/^account deleted; restore it until \d{4}-\d{2}-\d{2}/);
    const whoami = await dan.run(['whoami']);
    expect(whoami.code).toBe(1);
    const login = await dan.run(
      ['login', '--username', dan.username, '--password-stdin'],
      PASSWORD,
    );
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('hint: run `imkit account restore`');
    const restored = await ok(
      dan,
      ['account', 'restore', '--username', dan.username, '--password-stdin'],
      PASSWORD,
    );
    expect(restored).toContain(`account restored; logged in as ${dan.username}`);
    expect(await ok(dan, ['whoami'])).toContain(dan.username);
  });
});
