import type { Message } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { loggedInCli, page } from './cliSetup.js';
import { type FakeApi, problem, type RecordedRequest } from './fakeApi.js';
import { bob, conversation, message, summary } from './fixtures.js';

let api: FakeApi;
let cli: Awaited<ReturnType<typeof loggedInCli>>['cli'];

beforeEach(async () => {
  ({ api, cli } = await loggedInCli());
  api.on('GET /users', [200, page([summary(bob, true)])]);
  api.on('POST /conversations/direct', [200, conversation()]);
});

/** Messages m-1..m-n, one minute apart, alternating senders. */
function messages(n: number): Message[] {
  return Array.from({ length: n }, (_, i) =>
    message({
      id: `m-${String(i + 1).padStart(4, '0')}`,
      text: `message ${i + 1}`,
      created_at: new Date(Date.UTC(2026, 10, 21, 9, 0) + i * 60_000).toISOString(),
      ...(i % 2 ? { sender: bob } : {}),
    }),
  );
}

/** Answers listMessages like the server: newest `limit`, `before` a cursor, oldest first. */
function serveHistory(all: Message[]) {
  return (req: RecordedRequest): [number, unknown] => {
    const limit = Number(req.query.limit ?? 20);
    const end = req.query.before ? all.findIndex((m) => m.id === req.query.before) : all.length;
    const start = Math.max(0, end - limit);
    const items = all.slice(start, end);
    return [200, page(items, start > 0 ? (items[0]?.id ?? null) : null)];
  };
}

describe('imkit send', () => {
  it('opens the direct conversation with the friend and confirms after the server stored it', async () => {
    const stored = message({ text: 'hello bob', created_at: '2026-11-21T09:35:00.000Z' });
    api.on('POST /conversations/:id/messages', [201, stored]);
    const { code, stdout } = await cli(['send', 'bob', 'hello', 'bob']);
    expect(code).toBe(0);
    expect(stdout).toBe('sent to bob [2026-11-21 09:35]\n');
    expect(api.sent('POST /conversations/direct')[0]?.body).toEqual({ user_id: 'u-bob' });
    const body = api.sent('POST /conversations/c-1/messages')[0]?.body as Record<string, unknown>;
    expect(body.content).toEqual({ type: 'text', text: 'hello bob' });
    expect(body.client_message_id).toEqual(expect.any(String));
  });

  it('prints the stored message as JSON with --json', async () => {
    const stored = message({ text: 'hi' });
    api.on('POST /conversations/:id/messages', [201, stored]);
    const { stdout } = await cli(['send', 'bob', 'hi', '--json']);
    expect(JSON.parse(stdout)).toEqual(stored);
  });

  it('confirms nothing when the server refuses', async () => {
    api.on('POST /conversations/direct', [
      403,
      problem(
        403,
        'conversation.not_friends',
        'You can only start a direct conversation with a friend.',
      ),
    ]);
    const { code, stdout, stderr } = await cli(['send', 'bob', 'hi']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: You can only start a direct conversation with a friend. (conversation.not_friends)\n',
    );
  });
});

describe('imkit send - (issue 6 #14)', () => {
  it('reads the message from stdin, without its final line break', async () => {
    api.on('POST /conversations/:id/messages', [201, message({ text: 'line one\nline two' })]);
    const { code } = await cli(['send', 'bob', '-'], { stdin: 'line one\nline two\n' });
    expect(code).toBe(0);
    const body = api.sent('POST /conversations/c-1/messages')[0]?.body as { content: unknown };
    expect(body.content).toEqual({ type: 'text', text: 'line one\nline two' });
  });

  it('sends a - among other words as it is', async () => {
    api.on('POST /conversations/:id/messages', [201, message({ text: 'a - b' })]);
    await cli(['send', 'bob', 'a', '-', 'b'], { stdin: 'not read' });
    const body = api.sent('POST /conversations/c-1/messages')[0]?.body as { content: unknown };
    expect(body.content).toEqual({ type: 'text', text: 'a - b' });
  });
});

describe('imkit send of a blank text (issue 6 #13)', () => {
  it.each([
    ['spaces', ['   ']],
    ['an empty argument', ['']],
    ['blank stdin', ['-']],
  ])('refuses %s with one line, sending nothing', async (_name, words) => {
    const { code, stdout, stderr } = await cli(['send', 'bob', ...words], { stdin: ' \t\n' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: the message is blank: it needs at least one character that is not white space\n',
    );
    expect(api.sent('POST /conversations/c-1/messages')).toEqual([]);
  });
});

describe('imkit history', () => {
  it('prints the 20 newest messages, oldest first, each with its short id, in one request', async () => {
    const all = messages(30);
    api.on('GET /conversations/:id/messages', serveHistory(all));
    const { code, stdout } = await cli(['history', 'bob']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('[2026-11-21 09:10 m-0011] alice: message 11');
    expect(lines[19]).toBe('[2026-11-21 09:29 m-0030] bob: message 30');
    expect(api.sent('GET /conversations/c-1/messages').map((r) => r.query)).toEqual([
      { limit: '20' },
    ]);
  });

  it('pages backwards for a --limit above one page', async () => {
    const all = messages(250);
    api.on('GET /conversations/:id/messages', serveHistory(all));
    const { stdout } = await cli(['history', 'bob', '--limit', '150', '--json']);
    const ids = (JSON.parse(stdout) as Message[]).map((m) => m.id);
    expect(ids).toEqual(all.slice(100).map((m) => m.id));
    expect(api.sent('GET /conversations/c-1/messages').map((r) => r.query)).toEqual([
      { limit: '100' },
      { limit: '100', before: 'm-0151' },
    ]);
  });

  it('prints every message with --all', async () => {
    const all = messages(205);
    api.on('GET /conversations/:id/messages', serveHistory(all));
    const { stdout } = await cli(['history', 'bob', '--all', '--json']);
    expect((JSON.parse(stdout) as Message[]).map((m) => m.id)).toEqual(all.map((m) => m.id));
  });
});
