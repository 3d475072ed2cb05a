import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { pointers, rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Alice and Bob, friends, and a function that sends raw message bodies as Alice. */
async function chat() {
  const pair = await friendsWithConversation(t.url);
  const token = await pair.alice.client.getAccessToken();
  const path = `/conversations/${pair.conversationId}/messages`;
  const send = (content: unknown, extra: Record<string, unknown> = {}) =>
    rawRequest(t.url, 'POST', path, {
      token,
      body: { client_message_id: newClientMessageId(), content, ...extra },
    });
  const history = async () =>
    (await pair.bob.client.listMessages({ path: { conversation_id: pair.conversationId } })).items;
  return { ...pair, send, history };
}

describe('clients send only what a client may write (issue 6 #5)', () => {
  it('refuses a tombstone with message.content_not_sendable and stores nothing', async () => {
    const { alice, send, history } = await chat();
    const tombstone = {
      type: 'tombstone',
      reason: 'recalled',
      by_user_id: alice.user.id,
      at: '2026-01-01T00:00:00Z',
    };
    const answer = await send(tombstone);
    expect(answer.status).toBe(422);
    expect(answer.body?.code).toBe('message.content_not_sendable');
    expect(pointers(answer)).toEqual(['/body/content/type']);
    expect(await history()).toEqual([]);
  });

  it('fills in a user card from the user, refusing a client-set title or avatar_url', async () => {
    const { alice, bob, conversationId, send } = await chat();
    const carol = await registerUser(t.url, 'carol');
    const forged = await send({
      type: 'card',
      card_type: 'user',
      id: carol.user.id,
      title: 'admin',
      avatar_url: 'https://evil.example/x.png',
    });
    expect(answer422(forged)).toEqual(['/body/content/title', '/body/content/avatar_url']);
    const sent = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'card', card_type: 'user', id: carol.user.id },
      },
    });
    const expected = {
      type: 'card',
      card_type: 'user',
      id: carol.user.id,
      title: carol.username,
      avatar_url: null,
    };
    expect(sent.content).toEqual(expected);
    const seen = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(seen.items.map((m) => m.content)).toEqual([expected]);
  });

  it('refuses a card naming no user', async () => {
    const { send, history } = await chat();
    const nobody = await send({ type: 'card', card_type: 'user', id: 'no-such-user' });
    expect([nobody.status, nobody.body?.code, ...pointers(nobody)]).toEqual([
      422,
      'user.not_found',
      '/body/content/id',
    ]);
    expect(await history()).toEqual([]);
  });

  it('refuses a client-set file url, even javascript:, and a file_id the sender cannot read', async () => {
    const { send, history } = await chat();
    const url = await send({ type: 'image', file_id: 'f1', url: 'javascript:alert(1)' });
    expect(answer422(url)).toEqual(['/body/content/url']);
    for (const type of ['image', 'audio', 'video', 'file']) {
      const answer = await send({ type, file_id: 'no-such-file' });
      expect([answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
        422,
        'file.not_found',
        '/body/content/file_id',
      ]);
    }
    expect(await history()).toEqual([]);
  });

  it('caps a custom payload at 8 KiB of JSON, counted in bytes', async () => {
    const { send, history } = await chat();
    const custom = (text: string) => ({ type: 'custom', custom_type: 'poll', payload: { text } });
    // 2 bytes per "é": 5000 characters are 10 KB though far under any character limit.
    expect(answer422(await send(custom('é'.repeat(5000))))).toEqual(['/body/content/payload']);
    expect(answer422(await send(custom('x'.repeat(224 * 1024))))).toEqual([
      '/body/content/payload',
    ]);
    const fits = await send(custom('é'.repeat(4000)));
    expect(fits.status).toBe(201);
    expect(await history()).toHaveLength(1);
  });
});

/** Asserts a 422 `validation.failed` and returns its pointers. */
function answer422(answer: Awaited<ReturnType<typeof rawRequest>>): string[] {
  expect([answer.status, answer.body?.code]).toEqual([422, 'validation.failed']);
  return pointers(answer);
}

describe('ext and replies on send (issue 10)', () => {
  it('stores ext as sent and returns it in the answer and in history', async () => {
    const { send, history } = await chat();
    const ext = { device: 'phone', nested: { n: 1, list: [1, 'two'] } };
    const answer = await send({ type: 'text', text: 'hi' }, { ext });
    expect(answer.status).toBe(201);
    expect(answer.body?.ext).toEqual(ext);
    expect((await history()).map((m) => m.ext)).toEqual([ext]);
  });

  it('refuses a reply to a message that is not in this conversation, storing nothing', async () => {
    const { send, history } = await chat();
    const other = await chat();
    const elsewhere = await other.send({ type: 'text', text: 'elsewhere' });
    for (const target of ['no-such-message', elsewhere.body?.id as string]) {
      const answer = await send({ type: 'text', text: 'hi' }, { reply_to_message_id: target });
      expect([answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
        422,
        'message.reply_target_not_found',
        '/body/reply_to_message_id',
      ]);
    }
    expect(await history()).toEqual([]);
  });

  it('still checks ext against its 4 KiB limit first', async () => {
    const { send } = await chat();
    const answer = await send({ type: 'text', text: 'hi' }, { ext: { blob: 'x'.repeat(5000) } });
    expect(answer422(answer)).toEqual(['/body/ext']);
  });
});

describe('text content errors come from the branch `type` selects (issue 6 #13)', () => {
  it('reports one error for an empty, a too-long and a blank text', async () => {
    const { alice, conversationId, send, history } = await chat();
    for (const text of ['', 'x'.repeat(5001), '   ', '\n\t ']) {
      expect(answer422(await send({ type: 'text', text }))).toEqual(['/body/content/text']);
    }
    const blank = failure(
      alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: { client_message_id: newClientMessageId(), content: { type: 'text', text: '   ' } },
      }),
    );
    expect(await blank).toEqual({ status: 422, code: 'validation.failed' });
    expect(await history()).toEqual([]);
  });

  it('names an unknown content type once, at /body/content/type', async () => {
    const { send } = await chat();
    const answer = await send({ type: 'sticker', text: 'hi' });
    expect(answer.status).toBe(422);
    expect(pointers(answer)).toEqual(['/body/content/type']);
  });
});
