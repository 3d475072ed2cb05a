import { isImkitError, newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { authenticatedRealtime, closeWithin } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import {
  friendsWithConversation,
  newClient,
  registerUser,
  type TestUser,
} from './support/users.js';

let t: TestServer;
let shortLived: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  shortLived = await startTestServer({ accessTokenTtlSeconds: 3 });
});
afterAll(async () => {
  await t.close();
  await shortLived.close();
});

const token = async (user: TestUser) => (await user.client.getAccessToken())!;

/** A second session (another login) of the same user. */
async function secondSession(url: string, user: TestUser): Promise<TestUser> {
  const client = newClient(url);
  await client.login({ body: { login: user.username, password: user.password } });
  return { ...user, client };
}

describe('realtime sockets end with their credentials', () => {
  it('closes a socket with 4408 when its access token expires (issue 6 #3)', async () => {
    const bob = await registerUser(shortLived.url, 'exp');
    const socket = await authenticatedRealtime(shortLived.url, await token(bob));
    expect(socket.hello.access_expires_in_ms).toBeLessThanOrEqual(3000);
    expect(await closeWithin(socket, 6000)).toBe(4408);
    expect(socket.frames.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'auth.token_expired' },
    });
  });

  it('keeps a socket open past expiry after a reauth with a fresh token (issue 6 #3)', async () => {
    const bob = await registerUser(shortLived.url, 'reauth');
    const socket = await authenticatedRealtime(shortLived.url, await token(bob));
    const expiresAt = Date.now() + socket.hello.access_expires_in_ms!;
    // Token lifetimes count in whole seconds: after 1.1 s a fresh token expires >= 1 s later.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tokens = await bob.client.getTokens();
    await bob.client.refreshToken({ body: { refresh_token: tokens!.refresh_token } });
    socket.send({ type: 'reauth', access_token: (await bob.client.getTokens())!.access_token });
    const answer = await socket.frame((frame) => frame.type === 'reauthenticated');
    expect(Date.now() + answer.access_expires_in_ms!).toBeGreaterThan(expiresAt + 500);
    expect(await closeWithin(socket, expiresAt + 300 - Date.now())).toBeUndefined();
    socket.ws.close();
  });

  it('closes a socket whose reauth brings another session token with 4401', async () => {
    const bob = await registerUser(t.url, 'other');
    const socket = await authenticatedRealtime(t.url, await token(bob));
    const other = await secondSession(t.url, bob);
    socket.send({ type: 'reauth', access_token: await token(other) });
    expect(await closeWithin(socket, 5000)).toBe(4401);
  });

  it('re-authenticates through the SDK before expiry, so live delivery never stops (issue 6 #3)', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(shortLived.url);
    const realtime = bob.client.realtime();
    const reconnects: number[] = [];
    const received: string[] = [];
    realtime.on('reconnecting', ({ attempt }) => reconnects.push(attempt));
    realtime.on('message.created', (message) => received.push(message.id));
    await realtime.connect();
    await new Promise((resolve) => setTimeout(resolve, 4500));
    const sent = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'late' } },
    });
    await waitFor(() => received.length === 1, 5000, 'the message sent after expiry');
    expect(received).toEqual([sent.id]);
    expect(reconnects).toEqual([]);
    realtime.close();
  });

  it('closes every socket of a session within a second of logout, and no other (issue 6 #3)', async () => {
    const bob = await registerUser(t.url, 'logout');
    const other = await secondSession(t.url, bob);
    const first = await authenticatedRealtime(t.url, await token(bob));
    const second = await authenticatedRealtime(t.url, await token(bob));
    const untouched = await authenticatedRealtime(t.url, await token(other));
    await bob.client.logout();
    const codes = await Promise.all([closeWithin(first, 1000), closeWithin(second, 1000)]);
    expect(codes).toEqual([4403, 4403]);
    expect(first.frames.at(-1)).toMatchObject({ error: { code: 'auth.session_revoked' } });
    expect(await closeWithin(untouched, 300)).toBeUndefined();
    untouched.ws.close();
  });

  it('closes the sockets of a session revoked by refresh-token reuse (issue 6 #3)', async () => {
    const bob = await registerUser(t.url, 'reuse');
    const socket = await authenticatedRealtime(t.url, await token(bob));
    const stolen = (await bob.client.getTokens())!.refresh_token;
    const attacker = newClient(t.url);
    await attacker.refreshToken({ body: { refresh_token: stolen } });
    const reuse = await attacker.refreshToken({ body: { refresh_token: stolen } }).catch((e) => e);
    expect(isImkitError(reuse, 'auth.refresh_token_reused')).toBe(true);
    expect(await closeWithin(socket, 1000)).toBe(4403);
  });

  it('stops the SDK client without reconnecting when its session is revoked (issue 6 #3)', async () => {
    const bob = await registerUser(t.url, 'sdkrev');
    const realtime = bob.client.realtime({ reconnect: { initialDelayMs: 20, maxDelayMs: 50 } });
    const errors: string[] = [];
    const reconnects: number[] = [];
    realtime.on('error', (error) => errors.push(error.code));
    realtime.on('reconnecting', ({ attempt }) => reconnects.push(attempt));
    await realtime.connect();
    await bob.client.logout();
    await waitFor(() => realtime.state === 'closed', 2000, 'the client to stop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toEqual(['auth.session_revoked']);
    expect(reconnects).toEqual([]);
  });
});
