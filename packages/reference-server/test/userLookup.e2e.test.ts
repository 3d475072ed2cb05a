import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Gives `user` a bio, a gender and a phone number (private), through the account operations. */
async function fillProfile(user: TestUser, phone: string): Promise<void> {
  await user.client.updateMe({ body: { bio: 'Weekend climber.', gender: 'female' } });
  await user.client.updateCredentials({ body: { current_password: user.password, phone } });
}

/** Every key of a JSON value, nested ones included. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('user lookup', () => {
  it('shows a stranger the public profile only: no email, phone, remark or presence', async () => {
    const alice = await registerUser(t.url, 'la');
    const stranger = await registerUser(t.url, 'lb');
    await fillProfile(alice, '8613800138001');
    const seen = await stranger.client.getUser({ path: { user_id: alice.user.id } });
    expect(seen).toEqual({
      id: alice.user.id,
      username: alice.username,
      nickname: alice.user.nickname,
      avatar_url: null,
      deleted: false,
      is_friend: false,
      bio: 'Weekend climber.',
      gender: 'female',
      is_blocked: false,
      remark: null,
      presence: null,
    });
    const byName = await stranger.client.getUserByUsername({
      path: { username: alice.username.toUpperCase() },
    });
    expect(byName).toEqual(seen);
    for (const profile of [seen, byName]) {
      expect(keysOf(profile)).not.toContain('email');
      expect(keysOf(profile)).not.toContain('phone');
      expect(JSON.stringify(profile)).not.toContain('8613800138001');
      expect(JSON.stringify(profile)).not.toContain('@example.com');
    }
  });

  it("shows a friend the caller's own remark and the friend's presence", async () => {
    const alice = await registerUser(t.url, 'lc');
    const bob = await registerUser(t.url, 'ld');
    await befriend(alice, bob);
    await alice.client.updateFriend({ path: { user_id: bob.user.id }, body: { remark: 'B' } });
    const socket = bob.client.realtime();
    await socket.connect();
    try {
      expect(await alice.client.getUser({ path: { user_id: bob.user.id } })).toMatchObject({
        is_friend: true,
        remark: 'B',
        presence: 'online',
      });
    } finally {
      socket.close();
    }
    // Bob's view of Alice: friend, offline, no remark (Alice's remark is hers alone).
    expect(await bob.client.getUser({ path: { user_id: alice.user.id } })).toMatchObject({
      is_friend: true,
      remark: null,
      presence: 'offline',
    });
  });

  it('answers user.not_found for an unknown id or username', async () => {
    const alice = await registerUser(t.url, 'le');
    expect(await failure(alice.client.getUser({ path: { user_id: 'no-such-user' } }))).toEqual({
      status: 404,
      code: 'user.not_found',
    });
    expect(
      await failure(alice.client.getUserByUsername({ path: { username: 'nobody_here_x' } })),
    ).toEqual({ status: 404, code: 'user.not_found' });
  });

  it('shows a deleted account as deleted, and refuses messages and friend requests to it', async () => {
    const alice = await registerUser(t.url, 'lf');
    const bob = await registerUser(t.url, 'lg');
    const carol = await registerUser(t.url, 'lh');
    await befriend(alice, bob);
    await fillProfile(bob, '8613800138002');
    const conversation = await alice.client.openDirectConversation({
      body: { user_id: bob.user.id },
    });
    await bob.client.deleteAccount({ body: { password: bob.password } });
    for (const lookup of [
      alice.client.getUser({ path: { user_id: bob.user.id } }),
      carol.client.getUserByUsername({ path: { username: bob.username } }),
    ]) {
      expect(await lookup).toMatchObject({
        id: bob.user.id,
        username: bob.username,
        deleted: true,
        bio: null,
        gender: 'undisclosed',
        presence: null,
      });
    }
    expect(
      await failure(
        alice.client.sendMessage({
          path: { conversation_id: conversation.id },
          body: { client_message_id: crypto.randomUUID(), content: { type: 'text', text: 'hi' } },
        }),
      ),
    ).toEqual({ status: 403, code: 'conversation.disabled' });
    expect(
      await failure(carol.client.sendFriendRequest({ body: { user_id: bob.user.id } })),
    ).toEqual({ status: 404, code: 'user.not_found' });
  });
});
