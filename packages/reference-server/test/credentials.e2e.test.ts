import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { closeWithin } from './support/rawRealtime.js';
import { rawRequest } from './support/rawRequest.js';
import { type SmtpTestServer, startSmtpTestServer } from './support/smtpTestServer.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket } from './support/userSockets.js';
import { newClient, registerUser, type TestUser } from './support/users.js';

let smtp: SmtpTestServer;
let t: TestServer;
beforeAll(async () => {
  smtp = await startSmtpTestServer();
  t = await startTestServer({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** The same account logged in on a second device. */
async function secondDevice(user: TestUser) {
  const client = newClient(t.url);
  await client.login({ body: { login: user.username, password: user.password } });
  return { ...user, client };
}

describe('profile (updateMe)', () => {
  it('changes only the fields sent and clears those sent as null', async () => {
    const alice = await registerUser(t.url, 'prof');
    const changed = await alice.client.updateMe({
      body: {
        nickname: 'Alice L.',
        bio: 'Climber, coffee person.',
        gender: 'female',
        avatar_url: 'https://cdn.example.com/a.png',
      },
    });
    expect(changed).toMatchObject({
      nickname: 'Alice L.',
      bio: 'Climber, coffee person.',
      gender: 'female',
      avatar_url: 'https://cdn.example.com/a.png',
    });
    expect(changed.updated_at).toBeDefined();
    const cleared = await alice.client.updateMe({ body: { bio: null, avatar_url: null } });
    expect(cleared).toMatchObject({
      nickname: 'Alice L.',
      bio: null,
      gender: 'female',
      avatar_url: null,
    });
    expect(await alice.client.getMe()).toEqual(cleared);
  });

  it('refuses another user’s username as nickname, an empty body and unknown fields', async () => {
    const alice = await registerUser(t.url, 'nick');
    const bob = await registerUser(t.url, 'nick');
    expect(
      await failure(alice.client.updateMe({ body: { nickname: bob.username.toUpperCase() } })),
    ).toEqual({ status: 409, code: 'user.nickname_reserved' });
    expect((await alice.client.updateMe({ body: { nickname: alice.username } })).nickname).toBe(
      alice.username,
    );
    const token = (await alice.client.getAccessToken())!;
    const empty = await rawRequest(t.url, 'PATCH', '/me', { token, body: {} });
    expect(empty.status).toBe(422);
    const password = await rawRequest(t.url, 'PATCH', '/me', {
      token,
      body: { password: 'sneaky new password' },
    });
    expect(password.status).toBe(422);
    expect(password.body?.errors?.map((e) => e.pointer)).toEqual(['/body/password']);
    const long = await rawRequest(t.url, 'PATCH', '/me', { token, body: { bio: 'x'.repeat(201) } });
    expect(long.status).toBe(422);
    expect((await alice.client.getMe()).bio).toBeNull();
  });
});

describe('credentials (updateCredentials)', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const alice = await registerUser(t.url, 'cred');
    const other = await secondDevice(alice);
    const wrong = await rawRequest(t.url, 'PUT', '/me/credentials', {
      token: await alice.client.getAccessToken(),
      body: { current_password: 'not my password', new_password: 'a new passphrase' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body?.code).toBe('auth.password_incorrect');
    expect(wrong.body?.errors?.map((e) => e.pointer)).toEqual(['/body/current_password']);
    expect((await other.client.getMe()).id).toBe(alice.user.id);
    await newClient(t.url).login({ body: { login: alice.username, password: alice.password } });
  });

  it('changes the password, keeps this session, and closes the other device’s socket', async () => {
    const alice = await registerUser(t.url, 'pass');
    const phone = await secondDevice(alice);
    const socket = await openUserSocket(t.url, phone);
    const mine = await openUserSocket(t.url, alice);
    await alice.client.updateCredentials({
      body: { current_password: alice.password, new_password: 'a much longer passphrase' },
    });
    expect(await closeWithin(socket, 1000)).toBe(4403);
    expect(await failure(phone.client.getMe())).toMatchObject({ status: 401 });
    expect(mine.closeCode()).toBeUndefined();
    expect((await alice.client.getMe()).id).toBe(alice.user.id);
    expect(
      await failure(
        newClient(t.url).login({ body: { login: alice.username, password: alice.password } }),
      ),
    ).toEqual({ status: 401, code: 'auth.invalid_credentials' });
    await newClient(t.url).login({
      body: { login: alice.username, password: 'a much longer passphrase' },
    });
    mine.ws.close();
  });

  it('checks the new password against the spec’s rules', async () => {
    const alice = await registerUser(t.url, 'rule');
    const short = await rawRequest(t.url, 'PUT', '/me/credentials', {
      token: await alice.client.getAccessToken(),
      body: { current_password: alice.password, new_password: 'short' },
    });
    expect(short.status).toBe(422);
    expect(short.body?.errors?.map((e) => e.pointer)).toEqual(['/body/new_password']);
    const nothing = await rawRequest(t.url, 'PUT', '/me/credentials', {
      token: await alice.client.getAccessToken(),
      body: { current_password: alice.password },
    });
    expect(nothing.status).toBe(422);
  });

  it('changes the email (unverified until verified, old address told) and the phone', async () => {
    const alice = await registerUser(t.url, 'mail');
    const bob = await registerUser(t.url, 'mail');
    const oldEmail = `${alice.username}@example.com`;
    const newEmail = `${alice.username}@new.example.com`;
    // Verify the first email, so the change visibly resets it.
    await alice.client.sendEmailCode({ body: { email: oldEmail, purpose: 'verify_email' } });
    await alice.client.verifyEmail({ body: { code: await smtp.codeFor(oldEmail, 1) } });
    const taken = await failure(
      alice.client.updateCredentials({
        body: { current_password: alice.password, email: `${bob.username}@EXAMPLE.com` },
      }),
    );
    expect(taken).toEqual({ status: 409, code: 'user.email_taken' });
    const changed = await alice.client.updateCredentials({
      body: { current_password: alice.password, email: newEmail, phone: '8613800138000' },
    });
    expect(changed).toMatchObject({
      email: newEmail,
      email_verified: false,
      phone: '8613800138000',
    });
    expect((await smtp.mailFor(oldEmail, 2)).subject).toBe('Your imkit email address was changed');
    // A code for the old address cannot verify the new one.
    expect(
      await failure(
        alice.client.sendEmailCode({ body: { email: oldEmail, purpose: 'verify_email' } }),
      ),
    ).toEqual({ status: 403, code: 'auth.email_mismatch' });
    await alice.client.sendEmailCode({ body: { email: newEmail, purpose: 'verify_email' } });
    const verified = await alice.client.verifyEmail({
      body: { code: await smtp.codeFor(newEmail, 1) },
    });
    expect(verified.email_verified).toBe(true);
    await newClient(t.url).login({ body: { login: newEmail, password: alice.password } });
    expect(
      await failure(
        bob.client.updateCredentials({
          body: { current_password: bob.password, phone: '8613800138000' },
        }),
      ),
    ).toEqual({ status: 409, code: 'user.phone_taken' });
    const removed = await alice.client.updateCredentials({
      body: { current_password: alice.password, phone: null },
    });
    expect(removed.phone).toBeNull();
    await bob.client.updateCredentials({
      body: { current_password: bob.password, phone: '8613800138000' },
    });
  });

  it('needs a token', async () => {
    const anonymous = await rawRequest(t.url, 'PUT', '/me/credentials', {
      body: { current_password: 'x', new_password: 'a new passphrase' },
    });
    expect(anonymous.status).toBe(401);
    const profile = await rawRequest(t.url, 'PATCH', '/me', { body: { bio: 'x' } });
    expect(profile.status).toBe(401);
  });
});
