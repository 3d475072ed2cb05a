import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeDeletedAccounts } from '../src/accounts/accountPurge.js';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { closeWithin } from './support/rawRealtime.js';
import { rawRequest } from './support/rawRequest.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSocket } from './support/userSockets.js';
import {
  friendsWithConversation,
  newClient,
  registerUser,
  type TestUser,
} from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const DAY_MS = 24 * 3600 * 1000;

/** Moves a deleted account's deletion `days` into the past (store-level aging, no sleeps). */
async function ageDeletion(user: TestUser, days: number): Promise<void> {
  const db = t.server.services.db;
  const row = await db
    .selectFrom('users')
    .select('deleted_at')
    .where('id', '=', user.user.id)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('users')
    .set({ deleted_at: new Date(Date.parse(row.deleted_at!) - days * DAY_MS).toISOString() })
    .where('id', '=', user.user.id)
    .execute();
}

/** The sender of the newest message of a conversation, as `viewer` sees it. */
async function senderSeenBy(viewer: TestUser, conversationId: string) {
  const page = await viewer.client.listMessages({ path: { conversation_id: conversationId } });
  return page.items[page.items.length - 1]!.sender;
}

const login = (user: TestUser, password = user.password) =>
  newClient(t.url).login({ body: { login: user.username, password } });

describe('deleteAccount', () => {
  it('needs the password and refuses an owner of a group', async () => {
    const { alice, bob } = await groupCrew(t.url);
    const wrong = await rawRequest(t.url, 'POST', '/me/deletion', {
      token: await bob.client.getAccessToken(),
      body: { password: 'not the password' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body?.code).toBe('auth.password_incorrect');
    const owner = await rawRequest(t.url, 'POST', '/me/deletion', {
      token: await alice.client.getAccessToken(),
      body: { password: alice.password },
    });
    expect(owner.status).toBe(409);
    expect(owner.body).toMatchObject({ code: 'group.owner_cannot_leave' });
    expect(owner.body?.detail).toContain('Climbers');
    expect((await alice.client.getMe()).id).toBe(alice.user.id);
    expect((await bob.client.getMe()).id).toBe(bob.user.id);
    const anonymous = await rawRequest(t.url, 'POST', '/me/deletion', {
      body: { password: 'whatever it is' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('revokes every session and closes their sockets; others see deleted: true', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(bob, conversationId, 'bye for now');
    const laptop = newClient(t.url);
    await laptop.login({ body: { login: bob.username, password: bob.password } });
    const socket = await openUserSocket(t.url, bob);
    const deletion = await bob.client.deleteAccount({ body: { password: bob.password } });
    expect(deletion.user_id).toBe(bob.user.id);
    expect(Date.parse(deletion.restore_until) - Date.parse(deletion.deleted_at)).toBe(30 * DAY_MS);
    expect(await closeWithin(socket, 1000)).toBe(4403);
    expect(await failure(laptop.getMe())).toMatchObject({ status: 401 });
    expect(await senderSeenBy(alice, conversationId)).toMatchObject({
      id: bob.user.id,
      username: bob.username,
      deleted: true,
    });
    // Nobody can message or befriend the deleted account; the conversation says so.
    const conversation = await alice.client.getConversation({
      path: { conversation_id: conversationId },
    });
    expect([conversation.disabled, conversation.peer?.deleted]).toEqual([true, true]);
    expect(await failure(sendText(alice, conversationId, 'are you there?'))).toEqual({
      status: 403,
      code: 'conversation.disabled',
    });
    const stranger = await registerUser(t.url, 'stranger');
    expect(
      await failure(stranger.client.sendFriendRequest({ body: { user_id: bob.user.id } })),
    ).toEqual({ status: 404, code: 'user.not_found' });
    // Nor found by searching for them.
    expect((await stranger.client.searchUsers({ query: { q: bob.username } })).items).toEqual([]);
    // A login with the right password says until when it can be restored; a wrong one says nothing.
    const refused = await rawRequest(t.url, 'POST', '/auth/login', {
      body: { login: bob.username, password: bob.password },
    });
    expect(refused.status).toBe(403);
    expect(refused.body?.code).toBe('account.deleted');
    expect(refused.body?.detail).toContain(deletion.restore_until);
    expect(await failure(login(bob, 'wrong password'))).toEqual({
      status: 401,
      code: 'auth.invalid_credentials',
    });
    // Name and email stay taken while the account can be restored.
    expect(
      await failure(
        newClient(t.url).register({ body: { username: bob.username, password: 'another one!' } }),
      ),
    ).toMatchObject({ code: 'user.username_taken' });
  });
});

describe('restoreAccount', () => {
  it('brings a deleted account back with its password, and logs in', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(bob, conversationId, 'back soon');
    await bob.client.deleteAccount({ body: { password: bob.password } });
    expect(
      await failure(
        newClient(t.url).restoreAccount({ body: { login: bob.username, password: 'wrong one' } }),
      ),
    ).toEqual({ status: 401, code: 'auth.invalid_credentials' });
    const restorer = newClient(t.url);
    const session = await restorer.restoreAccount({
      body: { login: `${bob.username}@example.com`, password: bob.password },
    });
    expect(session.user.id).toBe(bob.user.id);
    await restorer.setTokens({
      access_token: session.access_token,
      refresh_token: session.refresh_token,
      access_expires_at: Date.now() + session.expires_in * 1000,
      user_id: session.user.id,
    });
    expect((await restorer.getMe()).id).toBe(bob.user.id);
    expect(await senderSeenBy(alice, conversationId)).toMatchObject({ deleted: false });
    await sendText({ ...bob, client: restorer }, conversationId, 'I am back');
    await sendText(alice, conversationId, 'welcome back');
    await login(bob);
    expect(
      await failure(
        newClient(t.url).restoreAccount({ body: { login: bob.username, password: bob.password } }),
      ),
    ).toEqual({ status: 409, code: 'account.not_deleted' });
  });

  it('refuses a restore after the 30 days, and the purge then erases the personal data', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await bob.client.updateMe({ body: { nickname: 'Bobby', bio: 'Private things' } });
    await bob.client.updateCredentials({
      body: { current_password: bob.password, phone: String(Date.now()).slice(-11) },
    });
    await sendText(bob, conversationId, 'a message that stays');
    await bob.client.deleteAccount({ body: { password: bob.password } });
    // One day before the end: still restorable, nothing erased.
    await ageDeletion(bob, 29);
    expect(await purgeDeletedAccounts(t.server.services)).toBe(0);
    expect(await failure(login(bob))).toMatchObject({ status: 403, code: 'account.deleted' });
    await ageDeletion(bob, 2);
    expect(
      await failure(
        newClient(t.url).restoreAccount({ body: { login: bob.username, password: bob.password } }),
      ),
    ).toEqual({ status: 410, code: 'account.restore_expired' });
    expect(await failure(login(bob))).toEqual({ status: 401, code: 'auth.invalid_credentials' });

    expect(await purgeDeletedAccounts(t.server.services)).toBeGreaterThanOrEqual(1);
    const row = await t.server.services.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', bob.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      nickname: null,
      email: null,
      phone: null,
      avatar_url: null,
      bio: null,
      email_verified: 0,
    });
    expect(row.purged_at).not.toBeNull();
    const sender = await senderSeenBy(alice, conversationId);
    expect(sender).toMatchObject({ id: bob.user.id, nickname: null, deleted: true });
    expect(sender.username).not.toBe(bob.username);
    expect(sender.username).toMatch(/^deleted_[0-9a-f]{12}$/);
    const history = await alice.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => m.content)).toContainEqual({
      type: 'text',
      text: 'a message that stays',
    });
    // Erased: nothing to restore, and the name and email are free again.
    expect(
      await failure(
        newClient(t.url).restoreAccount({ body: { login: bob.username, password: bob.password } }),
      ),
    ).toEqual({ status: 401, code: 'auth.invalid_credentials' });
    const again = await newClient(t.url).register({
      body: {
        username: bob.username,
        password: 'a fresh start here',
        email: `${bob.username}@example.com`,
      },
    });
    expect(again.user.id).not.toBe(bob.user.id);
  });

  it('is throttled like a login', async () => {
    const local = await startTestServer({ loginFailuresPer15Min: 2 });
    try {
      const carol = await registerUser(local.url, 'thr');
      const guess = () =>
        newClient(local.url).restoreAccount({
          body: { login: carol.username, password: 'a wrong guess' },
        });
      expect(await failure(guess())).toMatchObject({ status: 401 });
      expect(await failure(guess())).toMatchObject({ status: 401 });
      expect(await failure(guess())).toEqual({ status: 429, code: 'rate_limited' });
    } finally {
      await local.close();
    }
  });
});
