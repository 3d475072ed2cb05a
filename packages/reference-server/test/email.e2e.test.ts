import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createServer } from '@imkit/reference-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { failure } from './support/expectCode.js';
import { rawRequest } from './support/rawRequest.js';
import { type SmtpTestServer, startSmtpTestServer } from './support/smtpTestServer.js';
import { createTestStore } from './support/testBackend.js';
import {
  startTestServer,
  TEST_JWT_SECRET,
  TEST_RATE_LIMIT_SCALE,
  type TestServer,
} from './support/testServer.js';
import { newClient, registerUser, type TestUser } from './support/users.js';

let smtp: SmtpTestServer;
let t: TestServer;
beforeAll(async () => {
  smtp = await startSmtpTestServer();
  t = await startTestServer({ smtpUrl: smtp.url, mailFrom: 'imkit tests <no-reply@imkit.test>' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const emailOf = (user: TestUser) => `${user.username}@example.com`;

/**
 * A test server without SMTP whose pino log lines are kept in `lines` (startTestServer's is
 * silent).
 */
async function startLoggedServer(lines: string[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-mail-'));
  const store = await createTestStore();
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const server = await createServer(
    {
      dataDir,
      databaseFile: path.join(dataDir, 'imkit.sqlite'),
      jwtSecret: TEST_JWT_SECRET,
      rateLimitScale: TEST_RATE_LIMIT_SCALE,
      ...store.config,
    },
    logger,
  );
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    dataDir,
    async close() {
      await server.close();
      await store.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Moves every email code of an address into the past by `ms` (store-level aging, no sleeps). */
async function ageCodes(address: string, ms: number): Promise<void> {
  const db = t.server.services.db;
  const rows = await db
    .selectFrom('email_codes')
    .select(['id', 'created_at', 'expires_at'])
    .where('email_key', '=', address.toLowerCase())
    .execute();
  for (const row of rows) {
    await db
      .updateTable('email_codes')
      .set({
        created_at: new Date(Date.parse(row.created_at) - ms).toISOString(),
        expires_at: new Date(Date.parse(row.expires_at) - ms).toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

describe('email verification', () => {
  it('mails a code over SMTP that verifies the account email; the code is in no response', async () => {
    const alice = await registerUser(t.url, 'ver');
    expect((await alice.client.getMe()).email_verified).toBe(false);
    const sent = await alice.client.sendEmailCode({
      body: { email: emailOf(alice), purpose: 'verify_email' },
    });
    expect(sent).toEqual({ expires_in: 600, resend_after: 60 });
    const code = await smtp.codeFor(emailOf(alice), 1);
    expect(JSON.stringify(sent)).not.toContain(code);
    const mail = smtp.mailsTo(emailOf(alice))[0]!;
    expect(mail.raw).toContain('From: imkit tests <no-reply@imkit.test>');
    expect(mail.subject).toBe('Your imkit verification code');
    const stored = await t.server.services.db
      .selectFrom('email_codes')
      .select('code_hash')
      .where('email_key', '=', emailOf(alice).toLowerCase())
      .execute();
    expect(stored.map((row) => row.code_hash).join()).not.toContain(code);
    const me = await alice.client.verifyEmail({ body: { code } });
    expect(me.email_verified).toBe(true);
    expect((await alice.client.getMe()).email_verified).toBe(true);
  });

  it('refuses a verify_email code for another address or without a token', async () => {
    const alice = await registerUser(t.url, 'mis');
    const bob = await registerUser(t.url, 'mis');
    expect(
      await failure(
        alice.client.sendEmailCode({ body: { email: emailOf(bob), purpose: 'verify_email' } }),
      ),
    ).toEqual({ status: 403, code: 'auth.email_mismatch' });
    expect(
      await failure(
        newClient(t.url).sendEmailCode({
          body: { email: emailOf(alice), purpose: 'verify_email' },
        }),
      ),
    ).toEqual({ status: 403, code: 'auth.email_mismatch' });
    // An invalid token is still 401, never an anonymous call.
    const forged = await rawRequest(t.url, 'POST', '/auth/email-codes', {
      token: 'not-a-token',
      body: { email: emailOf(alice), purpose: 'reset_password' },
    });
    expect(forged.status).toBe(401);
    expect(smtp.mailsTo(emailOf(alice))).toHaveLength(0);
    expect(smtp.mailsTo(emailOf(bob))).toHaveLength(0);
  });

  it('refuses a wrong code, a reused code, an expired code, and a code after five tries', async () => {
    const alice = await registerUser(t.url, 'tries');
    const address = emailOf(alice);
    const ask = () =>
      alice.client.sendEmailCode({ body: { email: address, purpose: 'verify_email' } });
    const verify = (code: string) => failure(alice.client.verifyEmail({ body: { code } }));
    const invalid = { status: 422, code: 'auth.email_code_invalid' };

    // Reused: the first use works, the second does not.
    await ask();
    const first = await smtp.codeFor(address, 1);
    await alice.client.verifyEmail({ body: { code: first } });
    expect(await verify(first)).toEqual(invalid);

    // Expired: ten minutes later (the stored code aged), the right code is refused.
    await ageCodes(address, 61_000);
    await ask();
    const second = await smtp.codeFor(address, 2);
    await ageCodes(address, 600_000);
    expect(await verify(second)).toEqual(invalid);

    // Five wrong tries void the code: the right one fails afterwards.
    await ageCodes(address, 61_000);
    await ask();
    const third = await smtp.codeFor(address, 3);
    const wrong = third === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect(await verify(wrong)).toEqual(invalid);
    expect(await verify(third)).toEqual(invalid);

    // Four wrong tries leave the fifth for the right code; a newer code voids older ones.
    await ageCodes(address, 61_000);
    await ask();
    const fourth = await smtp.codeFor(address, 4);
    await ageCodes(address, 61_000);
    await ask();
    const fifth = await smtp.codeFor(address, 5);
    if (fourth !== fifth) expect(await verify(fourth)).toEqual(invalid);
    const wrongFifth = fifth === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i += 1) expect(await verify(wrongFifth)).toEqual(invalid);
    expect((await alice.client.verifyEmail({ body: { code: fifth } })).email_verified).toBe(true);
  });

  it('sends one code per address per minute (429 with Retry-After), whoever asks', async () => {
    const alice = await registerUser(t.url, 'limit');
    const body = { email: emailOf(alice), purpose: 'reset_password' as const };
    const first = await rawRequest(t.url, 'POST', '/auth/email-codes', { body });
    expect(first.status).toBe(202);
    const again = await fetch(`${t.url}/auth/email-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(again.headers.get('ratelimit-policy')).toContain('email_code_address');
    await smtp.codeFor(body.email, 1);
    expect(smtp.mailsTo(body.email)).toHaveLength(1);
  });
});

describe('password reset', () => {
  it('answers an unknown address exactly like a known one and mails nothing', async () => {
    const alice = await registerUser(t.url, 'reset');
    const known = await rawRequest(t.url, 'POST', '/auth/email-codes', {
      body: { email: emailOf(alice), purpose: 'reset_password' },
    });
    const unknown = await rawRequest(t.url, 'POST', '/auth/email-codes', {
      body: { email: 'nobody-at-all@example.com', purpose: 'reset_password' },
    });
    expect(unknown).toEqual(known);
    // Asking again within a minute is refused for both alike.
    const knownAgain = await rawRequest(t.url, 'POST', '/auth/email-codes', {
      body: { email: emailOf(alice), purpose: 'reset_password' },
    });
    const unknownAgain = await rawRequest(t.url, 'POST', '/auth/email-codes', {
      body: { email: 'nobody-at-all@example.com', purpose: 'reset_password' },
    });
    expect(knownAgain.status).toBe(429);
    expect(unknownAgain.status).toBe(429);
    await smtp.codeFor(emailOf(alice), 1);
    expect(smtp.mailsTo('nobody-at-all@example.com')).toHaveLength(0);
    const guess = await failure(
      newClient(t.url).resetPassword({
        body: { email: 'nobody-at-all@example.com', code: '123456', new_password: 'new password!' },
      }),
    );
    expect(guess).toEqual({ status: 422, code: 'auth.email_code_invalid' });
  });

  it('sets a new password with the mailed code and revokes every session', async () => {
    const alice = await registerUser(t.url, 'forgot');
    const stranger = newClient(t.url);
    await stranger.sendEmailCode({ body: { email: emailOf(alice), purpose: 'reset_password' } });
    const code = await smtp.codeFor(emailOf(alice), 1);
    expect(smtp.mailsTo(emailOf(alice))[0]!.subject).toBe('Your imkit password reset code');
    const short = await rawRequest(t.url, 'POST', '/auth/password-reset', {
      body: { email: emailOf(alice), code, new_password: 'short' },
    });
    expect(short.status).toBe(422);
    expect(short.body?.errors?.map((e) => e.pointer)).toEqual(['/body/new_password']);
    await stranger.resetPassword({
      body: { email: emailOf(alice), code, new_password: 'a brand new passphrase' },
    });
    expect(await failure(alice.client.getMe())).toMatchObject({ status: 401 });
    expect(
      await failure(
        newClient(t.url).login({ body: { login: alice.username, password: alice.password } }),
      ),
    ).toEqual({ status: 401, code: 'auth.invalid_credentials' });
    const again = newClient(t.url);
    await again.login({ body: { login: alice.username, password: 'a brand new passphrase' } });
    expect((await again.getMe()).email_verified).toBe(true);
    // The code worked once.
    expect(
      await failure(
        newClient(t.url).resetPassword({
          body: { email: emailOf(alice), code, new_password: 'yet another passphrase' },
        }),
      ),
    ).toEqual({ status: 422, code: 'auth.email_code_invalid' });
  });
});

describe('per client address', () => {
  it('sends at most the spec’s 5 codes an hour from one address, whatever the email', async () => {
    const local = await startTestServer({ smtpUrl: smtp.url, rateLimitScale: 1 });
    try {
      const ask = (n: number) =>
        rawRequest(local.url, 'POST', '/auth/email-codes', {
          body: { email: `spray${n}@example.com`, purpose: 'reset_password' },
        });
      for (let n = 0; n < 5; n += 1) expect((await ask(n)).status).toBe(202);
      const refused = await ask(5);
      expect(refused.status).toBe(429);
      expect(refused.body?.code).toBe('rate_limited');
    } finally {
      await local.close();
    }
  });
});

describe('without SMTP', () => {
  it('writes each mail as an .eml file under <dataDir>/outbox', async () => {
    const logLines: string[] = [];
    const local = await startLoggedServer(logLines);
    try {
      const alice = await registerUser(local.url, 'outbox');
      await newClient(local.url).sendEmailCode({
        body: { email: emailOf(alice), purpose: 'reset_password' },
      });
      const outbox = path.join(local.dataDir, 'outbox');
      await waitFor(() => fs.existsSync(outbox) && fs.readdirSync(outbox).length === 1);
      const [file] = fs.readdirSync(outbox);
      expect(file).toMatch(/\.eml$/);
      const mail = fs.readFileSync(path.join(outbox, file!), 'utf8');
      expect(mail).toContain(`To: ${emailOf(alice)}`);
      const code = /\b(\d{6})\b/.exec(
        mail
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('\n'),
      )![1]!;
      await newClient(local.url).resetPassword({
        body: { email: emailOf(alice), code, new_password: 'from the outbox file' },
      });
      await newClient(local.url).login({
        body: { login: alice.username, password: 'from the outbox file' },
      });
    } finally {
      await local.close();
    }
  });
});
