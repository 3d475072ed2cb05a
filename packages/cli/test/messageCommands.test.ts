import type { Message } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { loggedInCli, page } from './cliSetup.js';
import { type FakeApi, problem } from './fakeApi.js';
import { alice, bob, conversation, message, summary } from './fixtures.js';

let api: FakeApi;
let cli: Awaited<ReturnType<typeof loggedInCli>>['cli'];

const ID = '0192f5aa-1d22-7f53-b2c3-d4e5f6071829';
const OTHER = '0192f5aa-1d22-7f53-b2c3-d4e5f6aaaaaa';
const NEAR = '0192f5aa-1d22-7f53-b2c3-aaaaaa071829';

beforeEach(async () => {
  ({ api, cli } = await loggedInCli());
  api.on('GET /users', [200, page([summary(bob, true)])]);
  api.on('POST /conversations/direct', [200, conversation()]);
  api.on('GET /conversations', [200, page([conversation(), conversation({ id: 'c-2' })])]);
  api.on('GET /conversations/:id/messages', (req) =>
    req.path === '/conversations/c-1/messages'
      ? [200, page([message({ id: ID }), message({ id: OTHER, sender: bob })])]
      : [200, page([message({ id: 'x-1', conversation_id: 'c-2' })])],
  );
});

describe('naming a message', () => {
  it('finds a short id among the recent messages of my conversations', async () => {
    api.on('PUT /messages/:id/reactions/:emoji', [
      200,
      { message_id: ID, reactions: [{ emoji: '👍', count: 2, reacted_by_me: true }] },
    ]);
    const { code, stdout } = await cli(['react', '071829', '👍']);
    expect([code, stdout]).toEqual([0, '👍 2\n']);
    expect(api.requests.at(-1)?.path).toBe(`/messages/${ID}/reactions/${encodeURIComponent('👍')}`);
    expect(api.sent('GET /conversations')[0]?.query).toEqual({ limit: '20' });
  });

  it('looks only in one conversation with <to>:<id>, and takes a full id as it is', async () => {
    api.on('DELETE /messages/:id/reactions/:emoji', [200, { message_id: ID, reactions: [] }]);
    expect((await cli(['unreact', 'bob:071829', '👍'])).stdout).toBe('no reactions\n');
    expect(api.sent('GET /conversations')).toEqual([]);
    expect(api.sent('GET /conversations/c-1/messages')).toHaveLength(1);
    await cli(['unreact', ID, '👍']);
    expect(api.sent('GET /conversations/c-1/messages')).toHaveLength(1);
    expect(api.requests.at(-1)?.path).toBe(`/messages/${ID}/reactions/${encodeURIComponent('👍')}`);
  });

  it('refuses an id that names no message or several, sending nothing', async () => {
    const none = await cli(['recall', 'ffffff']);
    expect([none.code, none.stderr]).toEqual([2, 'error: no recent message has the id ffffff\n']);
    api.on('GET /conversations/:id/messages', [
      200,
      page([message({ id: ID }), message({ id: NEAR })]),
    ]);
    const both = await cli(['recall', 'bob:071829']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('071829 names more than one message');
    const bad = await cli(['recall', 'x!']);
    expect(bad.code).toBe(2);
    expect(api.requests.filter((r) => r.path.startsWith('/messages/'))).toEqual([]);
  });
});

describe('imkit edit, recall, delete, receipts', () => {
  it('edits my message and prints it', async () => {
    api.on('GET /messages/:id', [200, message({ id: ID })]);
    api.on('GET /conversations/:id', [200, conversation()]);
    const edited: Message = message({
      id: ID,
      text: 'at 8',
      edited_at: '2026-11-21T09:40:00.000Z',
    });
    api.on('PATCH /messages/:id', [200, edited]);
    const { code, stdout } = await cli(['edit', '071829', 'at', '8']);
    expect([code, stdout]).toEqual([0, '[2026-11-21 09:35 071829] alice: at 8 (edited)\n']);
    expect(api.sent(`PATCH /messages/${ID}`)[0]?.body).toEqual({
      content: { type: 'text', text: 'at 8' },
    });
  });

  it('clears the mentions of a group message whose new text mentions nobody', async () => {
    api.on('GET /messages/:id', [200, message({ id: ID })]);
    api.on('GET /conversations/:id', [
      200,
      conversation({
        type: 'group',
        peer: null,
        group: { id: 'g-1', name: 'Crag', avatar_url: null },
      }),
    ]);
    api.on('PATCH /messages/:id', [200, message({ id: ID, text: 'no one' })]);
    await cli(['edit', ID, 'no', 'one']);
    expect(api.sent(`PATCH /messages/${ID}`)[0]?.body).toEqual({
      content: { type: 'text', text: 'no one' },
      mentions: { user_ids: [], all: false },
    });
  });

  it('shows the server’s refusal of an edit', async () => {
    api.on('GET /messages/:id', [200, message({ id: OTHER, sender: bob })]);
    api.on('GET /conversations/:id', [200, conversation()]);
    api.on('PATCH /messages/:id', [
      403,
      problem(403, 'message.not_sender', 'Only the sender may edit a message.'),
    ]);
    const { code, stderr } = await cli(['edit', 'aaaaaa', 'mine now']);
    expect([code, stderr]).toEqual([
      1,
      'error: Only the sender may edit a message. (message.not_sender)\n',
    ]);
  });

  it('recalls, deletes for me and for everyone', async () => {
    const tombstone = (reason: 'recalled' | 'deleted'): Message => ({
      ...message({ id: ID }),
      content: { type: 'tombstone', reason, by_user_id: alice.id, at: '2026-11-21T09:36:00.000Z' },
    });
    api.on('POST /messages/:id/recall', [200, tombstone('recalled')]);
    expect((await cli(['recall', '071829'])).stdout).toBe(
      '[2026-11-21 09:35 071829] alice: message recalled\n',
    );
    api.on('DELETE /messages/:id', [204]);
    expect((await cli(['delete', '071829'])).stdout).toBe('deleted for you\n');
    expect(api.sent(`DELETE /messages/${ID}`)).toHaveLength(1);
    api.on('POST /messages/:id/delete-for-everyone', [200, tombstone('deleted')]);
    expect((await cli(['delete', '071829', '--everyone'])).stdout).toBe(
      '[2026-11-21 09:35 071829] alice: message deleted\n',
    );
  });

  it('lists who read a message', async () => {
    api.on('GET /messages/:id/receipts', [
      200,
      {
        message_id: ID,
        conversation_id: 'c-1',
        read_by: [{ user: bob, read_at: '2026-11-21T09:36:00.000Z' }],
        read_count: 1,
        unread_count: 2,
      },
    ]);
    expect((await cli(['receipts', '071829'])).stdout).toBe(
      'read by 1 of 3\n  bob  2026-11-21 09:36\n',
    );
  });
});

describe('imkit send --reply', () => {
  it('replies to a message of the conversation named by its short id', async () => {
    api.on('POST /conversations/:id/messages', [201, message({ text: 'me' })]);
    const { code } = await cli(['send', 'bob', '--reply', 'aaaaaa', 'me']);
    expect(code).toBe(0);
    const body = api.sent('POST /conversations/c-1/messages')[0]?.body as Record<string, unknown>;
    expect(body.reply_to_message_id).toBe(OTHER);
    expect(body.content).toEqual({ type: 'text', text: 'me' });
  });

  it('needs a text or a file', async () => {
    const { code, stderr } = await cli(['send', 'bob']);
    expect(code).toBe(2);
    expect(stderr).toContain('text');
  });
});
