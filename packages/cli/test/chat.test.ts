import { createImkitClient } from '@imkit/sdk';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { attachmentContent } from '../src/attachments.js';
import { page } from './cliSetup.js';
import { FakeApi, problem } from './fakeApi.js';
import { FakeRealtime } from './fakeRealtime.js';
import { bob, conversation, message, summary } from './fixtures.js';
import {
  type CliRunOptions,
  interactiveStdin,
  runCli,
  seedSession,
  TEST_SERVER,
  tempConfigDir,
} from './harness.js';

// `/file` hands the path to attachmentContent (which uploads it); here it answers without uploading.
vi.mock('../src/attachments.js', () => ({ attachmentContent: vi.fn() }));

let api: FakeApi;
let realtime: FakeRealtime & { typingSent: [string, string][] };
let cli: (args: string[], options?: CliRunOptions) => ReturnType<typeof runCli>;

const earlier = message({ id: 'm-0001', sender: bob, text: 'are you there?' });

beforeEach(async () => {
  api = new FakeApi();
  // The fake realtime client records the typing frames the chat asks to send.
  realtime = Object.assign(new FakeRealtime(), {
    typingSent: [] as [string, string][],
    sendTyping(conversationId: string, state: string) {
      realtime.typingSent.push([conversationId, state]);
      return true;
    },
  });
  const configDir = await tempConfigDir();
  await seedSession(configDir);
  cli = (args, options = {}) =>
    runCli(args, {
      configDir,
      createClient: (o) => ({
        ...createImkitClient({ ...o, fetch: api.fetch }),
        realtime: (realtimeOptions) => {
          realtime.options = realtimeOptions;
          return realtime.asClient();
        },
      }),
      ...options,
      env: { IMKIT_SERVER: TEST_SERVER, ...options.env },
    });
  api.on('GET /users', [200, page([summary(bob, true)])]);
  api.on('POST /conversations/direct', [200, conversation()]);
  api.on('GET /conversations/:id/messages', [200, page([earlier])]);
  api.on('POST /conversations/:id/read', (req) => [
    200,
    {
      conversation_id: 'c-1',
      user_id: 'u-alice',
      last_read_message_id: (req.body as { message_id: string }).message_id,
      read_at: '2026-11-21T09:50:00.000Z',
    },
  ]);
});

/** Stores each sent text as a message, pushing it over realtime before answering (as a fast server may). */
function storeSentMessages(): void {
  let n = 0;
  api.on('POST /conversations/:id/messages', (req) => {
    const body = req.body as { client_message_id: string; content: { text: string } };
    n += 1;
    const stored = message({
      id: `m-100${n}`,
      text: body.content.text,
      client_message_id: body.client_message_id,
      created_at: `2026-11-21T09:4${n}:00.000Z`,
    });
    realtime.push(stored);
    return [201, stored];
  });
}

/** The message ids of the read marks sent, in order. */
const readMarks = () =>
  api
    .sent('POST /conversations/c-1/read')
    .map((r) => (r.body as { message_id: string }).message_id);

const sentTexts = () =>
  api
    .sent('POST /conversations/c-1/messages')
    .map((r) => (r.body as { content: { text: string } }).content.text);

describe('imkit chat', () => {
  it('sends piped lines until /quit, printing each message once', async () => {
    storeSentMessages();
    const { code, stdout, stderr } = await cli(['chat', 'bob'], {
      stdin: 'hi\n\n/quit\nnot sent\n',
    });
    expect(code).toBe(0);
    expect(sentTexts()).toEqual(['hi']);
    expect(stdout).toBe(
      '#1 [2026-11-21 09:35] bob: are you there?\n#2 [2026-11-21 09:41] alice: hi\n',
    );
    expect(stderr).toBe(
      'chatting with bob; /quit or end of input leaves, /help lists the commands\n',
    );
    expect(realtime.closed).toBe(true);
    expect(realtime.options?.deviceId).toMatch(/^imkit-cli-/);
  });

  it('sends every line, in order, until the end of input', async () => {
    storeSentMessages();
    const { code } = await cli(['chat', 'bob'], { stdin: 'one\ntwo\nthree' });
    expect(code).toBe(0);
    expect(sentTexts()).toEqual(['one', 'two', 'three']);
  });

  it("prints the peer's messages live, only for this conversation", async () => {
    const stdin = interactiveStdin();
    const running = cli(['chat', 'bob'], { stdin });
    await until(() => realtime.connected && api.sent('GET /conversations/c-1/messages').length > 0);
    await tick();
    realtime.push(message({ id: 'm-0002', sender: bob, text: 'hello!' }));
    realtime.push(message({ id: 'm-0003', conversation_id: 'c-other', text: 'elsewhere' }));
    realtime.push(message({ id: 'm-0001', sender: bob, text: 'are you there?' }));
    stdin.end('/quit\n');
    const { code, stdout } = await running;
    expect(code).toBe(0);
    expect(stdout).toBe(
      '#1 [2026-11-21 09:35] bob: are you there?\n#2 [2026-11-21 09:35] bob: hello!\n',
    );
  });

  it('announces, in one line each, messages that arrive in my other conversations', async () => {
    const carol = { ...bob, id: 'u-carol', username: 'carol', nickname: null };
    api.on('GET /conversations/:id', (req) =>
      req.path === '/conversations/c-crew'
        ? [
            200,
            conversation({
              id: 'c-crew',
              type: 'group',
              peer: null,
              group: { id: 'g-1', name: 'Crew', avatar_url: null },
            }),
          ]
        : [200, conversation({ id: 'c-carol', peer: carol })],
    );
    const stdin = interactiveStdin();
    const running = cli(['chat', 'bob'], { stdin });
    await until(() => realtime.connected && api.sent('GET /conversations/c-1/messages').length > 0);
    await tick();
    realtime.push(
      message({ id: 'm-0004', conversation_id: 'c-carol', sender: carol, text: 'lunch?' }),
    );
    realtime.push(
      message({
        id: 'm-0005',
        conversation_id: 'c-crew',
        sender: carol,
        text: `see\nyou ${'x'.repeat(50)}`,
      }),
    );
    // My own message elsewhere (sent from another device) is not news to me.
    realtime.push(message({ id: 'm-0006', conversation_id: 'c-crew', text: 'on my way' }));
    await until(() => api.sent('GET /conversations/c-crew').length > 0);
    await tick();
    stdin.end('/quit\n');
    const { code, stdout, stderr } = await running;
    expect(code).toBe(0);
    expect(stdout).toBe('#1 [2026-11-21 09:35] bob: are you there?\n');
    expect(stderr.split('\n').filter((line) => line.startsWith('* new message'))).toEqual([
      '* new message from carol: lunch?',
      `* new message in #Crew from carol: see you ${'x'.repeat(32)}…`,
    ]);
  });

  it('exits 1 when a message could not be sent, after trying the others', async () => {
    let calls = 0;
    api.on('POST /conversations/:id/messages', () => {
      calls += 1;
      return calls === 1
        ? [403, problem(403, 'conversation.not_friends', 'You are no longer friends.')]
        : [201, message({ id: 'm-2000', text: 'second' })];
    });
    const { code, stderr } = await cli(['chat', 'bob'], { stdin: 'first\nsecond\n' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: You are no longer friends\. \(conversation\.not_friends\)/);
    expect(calls).toBe(2);
  });
});

describe('imkit chat marks what it showed as read (issue 6 #14)', () => {
  it('marks the conversation read up to the newest message shown at the start', async () => {
    const newer = message({
      id: 'm-0002',
      sender: bob,
      text: 'hello?',
      created_at: '2026-11-21T09:36:00.000Z',
    });
    api.on('GET /conversations/:id/messages', [200, page([earlier, newer])]);
    const { code } = await cli(['chat', 'bob'], { stdin: '/quit\n' });
    expect(code).toBe(0);
    expect(readMarks()).toEqual(['m-0002']);
  });

  it('sends no read mark when the newest message shown was already read', async () => {
    api.on('POST /conversations/direct', [200, conversation({ last_read_message_id: 'm-0001' })]);
    const { code } = await cli(['chat', 'bob'], { stdin: '/quit\n' });
    expect(code).toBe(0);
    expect(readMarks()).toEqual([]);
  });

  it("marks the peer's live messages read before it leaves, but not my own", async () => {
    api.on('POST /conversations/direct', [200, conversation({ last_read_message_id: 'm-0001' })]);
    storeSentMessages();
    const stdin = interactiveStdin();
    const running = cli(['chat', 'bob'], { stdin });
    await until(() => realtime.connected && api.sent('GET /conversations/c-1/messages').length > 0);
    await tick();
    realtime.push(
      message({ id: 'm-0005', sender: bob, text: 'live!', created_at: '2026-11-21T09:37:00.000Z' }),
    );
    stdin.end('my answer\n/quit\n');
    const { code, stderr } = await running;
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/warning/);
    expect(readMarks()).toEqual(['m-0005']);
  });

  it('warns, and goes on chatting, when marking as read fails', async () => {
    api.on('POST /conversations/:id/read', [
      429,
      problem(429, 'rate_limited', 'Too many requests.'),
    ]);
    storeSentMessages();
    const { code, stderr } = await cli(['chat', 'bob'], { stdin: 'hi\n' });
    expect(code).toBe(0);
    expect(sentTexts()).toEqual(['hi']);
    expect(stderr).toMatch(
      /^warning: could not mark the chat read: Too many requests\. \(rate_limited\)$/m,
    );
  });
});

describe('imkit chat commands (issue 6 #14)', () => {
  it('prints the chat commands on /help and sends nothing', async () => {
    storeSentMessages();
    const { code, stderr } = await cli(['chat', 'bob'], { stdin: '/help\n' });
    expect(code).toBe(0);
    expect(sentTexts()).toEqual([]);
    expect(stderr).toMatch(/^ {2}\/help .*\n {2}\/quit .*$/m);
    expect(stderr).toMatch(/\/\/shrug sends \/shrug/);
  });

  it.each(['/qiut', '/HELPP', '  /nick alice'])(
    'refuses the unknown command %j without sending it',
    async (line) => {
      storeSentMessages();
      const { code, stderr } = await cli(['chat', 'bob'], { stdin: `${line}\nstill here\n` });
      expect(code).toBe(0);
      expect(sentTexts()).toEqual(['still here']);
      expect(stderr).toMatch(/^unknown command \/[a-z]+: \/help lists them \(it was not sent\)$/m);
    },
  );

  it('sends a line starting with // with one slash less, and a path as it is', async () => {
    storeSentMessages();
    const { code } = await cli(['chat', 'bob'], { stdin: '//shrug\n/usr/bin is here\n' });
    expect(code).toBe(0);
    expect(sentTexts()).toEqual(['/shrug', '/usr/bin is here']);
  });

  it('skips blank lines, which the contract refuses as text messages', async () => {
    storeSentMessages();
    const { code } = await cli(['chat', 'bob'], { stdin: 'one\n   \n\t\ntwo\n' });
    expect(code).toBe(0);
    expect(sentTexts()).toEqual(['one', 'two']);
  });
});

async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** Polls `condition` every 5 ms for up to 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Delivers a realtime event of `type` to the chat's listeners, as the server pushes it. */
function emit(type: string, data: unknown): void {
  for (const listener of realtime.listeners.get(type) ?? []) {
    (listener as (d: unknown, meta: { position: number }) => void)(data, { position: 99 });
  }
}

/** Starts `imkit chat bob` on an open stdin and waits until it has shown its history. */
async function liveChat() {
  const stdin = interactiveStdin();
  const running = cli(['chat', 'bob'], { stdin });
  await until(() => realtime.connected && api.sent('GET /conversations/c-1/messages').length > 0);
  await tick();
  return { stdin, running };
}

const reactionChange = (count: number) => ({
  conversation_id: 'c-1',
  message_id: 'm-0001',
  user: bob,
  emoji: '👍',
  count,
});

describe('imkit chat shows replies, edits, recalls, reactions and typing live (issue 10)', () => {
  it('prints the changes of shown messages and who is typing, for this conversation only', async () => {
    const { stdin, running } = await liveChat();
    emit('typing', { conversation_id: 'c-1', user: bob, state: 'started' });
    emit('typing', { conversation_id: 'c-1', user: bob, state: 'started' });
    emit('typing', { conversation_id: 'c-other', user: bob, state: 'started' });
    emit('message.updated', {
      ...earlier,
      text: undefined,
      content: { type: 'text', text: 'still there?' },
      edited_at: '2026-11-21T09:36:00.000Z',
    });
    emit('reaction.added', reactionChange(1));
    emit('reaction.removed', reactionChange(0));
    emit('reaction.added', { ...reactionChange(1), conversation_id: 'c-other' });
    emit('message.recalled', {
      ...earlier,
      content: { type: 'tombstone', reason: 'recalled' },
    });
    realtime.push(
      message({
        id: 'm-0002',
        sender: bob,
        text: 'answer',
        reply_to: { id: 'm-0001', sender: bob, type: 'tombstone', excerpt: '' },
      }),
    );
    stdin.end('/quit\n');
    const { code, stdout, stderr } = await running;
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('#1 [2026-11-21 09:35] bob: are you there?');
    expect(lines[1]).toMatch(/^#1 edited: \[2026-11-21 09:35\] bob: still there\?/);
    expect(lines[2]).toBe('#1 bob reacted 👍 (1)');
    expect(lines[3]).toBe('#1 bob took back 👍 (0)');
    expect(lines[4]).toMatch(/^#1 recalled: /);
    expect(lines[5]).toMatch(/^#2 \(reply to #1\) \[2026-11-21 09:35\] bob: .*answer$/);
    expect(lines).toHaveLength(7);
    expect(stderr.split('* bob is typing...').length - 1).toBe(1);
  });

  it('sends typing while a line is typed and stops it once the line is entered', async () => {
    storeSentMessages();
    const { stdin, running } = await liveChat();
    stdin.write('hel');
    await until(() => realtime.typingSent.length > 0);
    stdin.write('lo\n/react #1 ');
    await until(() => sentTexts().length === 1);
    stdin.end('👍\n');
    api.on('PUT /messages/:id/reactions/:emoji', [
      200,
      { message_id: 'm-0001', reactions: [{ emoji: '👍', count: 1, reacted_by_me: true }] },
    ]);
    const { code } = await running;
    expect(code).toBe(0);
    // Typing a command that sends no text shows nothing to the others.
    expect(realtime.typingSent.filter(([, state]) => state === 'started')).toEqual([
      ['c-1', 'started'],
    ]);
    expect(realtime.typingSent.at(-1)).toEqual(['c-1', 'stopped']);
  });
});

describe('imkit chat shows the peer come and go (issue 10)', () => {
  it('prints when the peer comes online and goes offline, with when they were last seen', async () => {
    const { stdin, running } = await liveChat();
    emit('presence.updated', { user_id: bob.id, presence: 'online', last_seen_at: null });
    emit('presence.updated', { user_id: 'u-carol', presence: 'online', last_seen_at: null });
    emit('presence.updated', {
      user_id: bob.id,
      presence: 'offline',
      last_seen_at: '2026-11-21T09:50:00.000Z',
    });
    stdin.end('/quit\n');
    const { code, stderr } = await running;
    expect(code).toBe(0);
    expect(stderr).toContain('* bob is online\n* bob went offline (last seen 2026-11-21 09:50)\n');
    expect(stderr).not.toContain('u-carol');
  });
});

describe('imkit chat on a terminal (issue 10)', () => {
  it('sends typing as keys are pressed, and stops it when the line is entered', async () => {
    storeSentMessages();
    const stdin = interactiveStdin();
    const running = cli(['chat', 'bob'], { stdin, isTTY: true });
    await until(() => realtime.connected && api.sent('GET /conversations/c-1/messages').length > 0);
    await tick();
    stdin.write('h');
    stdin.write('i');
    await until(() => realtime.typingSent.length > 0);
    stdin.write('\r');
    await until(() => sentTexts().length === 1);
    stdin.end('/quit\r');
    const { code } = await running;
    expect(code).toBe(0);
    expect(sentTexts()).toEqual(['hi']);
    expect(realtime.typingSent[0]).toEqual(['c-1', 'started']);
    expect(realtime.typingSent).toContainEqual(['c-1', 'stopped']);
  });
});

describe('imkit chat commands about messages (issue 10)', () => {
  it('/reply sends a reply to the numbered message', async () => {
    storeSentMessages();
    const { code, stdout } = await cli(['chat', 'bob'], { stdin: '/reply #1 yes, here\n' });
    expect(code).toBe(0);
    const [sent] = api.sent('POST /conversations/c-1/messages');
    expect(sent?.body).toMatchObject({
      content: { type: 'text', text: 'yes, here' },
      reply_to_message_id: 'm-0001',
    });
    expect(stdout).toMatch(/^#2 \[2026-11-21 09:41\] alice: yes, here$/m);
  });

  it('/edit changes my message and prints it once, though its event comes too', async () => {
    api.on('PATCH /messages/:id', (req) => {
      const edited = message({
        id: 'm-0001',
        sender: bob,
        text: (req.body as { content: { text: string } }).content.text,
        edited_at: '2026-11-21T09:40:00.000Z',
      });
      emit('message.updated', edited);
      return [200, edited];
    });
    const { code, stdout } = await cli(['chat', 'bob'], { stdin: '/edit 1 are you here?\n' });
    expect(code).toBe(0);
    expect(api.sent('PATCH /messages/m-0001')[0]?.body).toEqual({
      content: { type: 'text', text: 'are you here?' },
    });
    expect(stdout.match(/^#1 edited: .*are you here\?/gm)).toHaveLength(1);
  });

  it('/react and /recall call the API for the numbered message', async () => {
    api.on('PUT /messages/:id/reactions/:emoji', [
      200,
      { message_id: 'm-0001', reactions: [{ emoji: '🎉', count: 2, reacted_by_me: true }] },
    ]);
    api.on('POST /messages/:id/recall', [
      200,
      { ...earlier, content: { type: 'tombstone', reason: 'recalled' } },
    ]);
    const { code, stdout } = await cli(['chat', 'bob'], { stdin: '/react #1 🎉\n/recall #1\n' });
    expect(code).toBe(0);
    expect(api.sent(`PUT /messages/m-0001/reactions/${encodeURIComponent('🎉')}`)).toHaveLength(1);
    expect(api.sent('POST /messages/m-0001/recall')).toHaveLength(1);
    expect(stdout).toMatch(/^#1 alice reacted 🎉 \(2\)$/m);
    expect(stdout).toMatch(/^#1 recalled: /m);
  });

  it('refuses a message number not shown, and a command typed wrong, sending nothing', async () => {
    const { code, stderr } = await cli(['chat', 'bob'], { stdin: '/recall #7\n/react #1\n' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/there is no message #7 in this chat/);
    expect(stderr).toMatch(/^usage: \/react <msg> <emoji> \(it was not sent/m);
    expect(api.requests.filter((r) => r.path.startsWith('/messages/'))).toEqual([]);
  });
});

describe('imkit chat /file (issue 10)', () => {
  it('sends the content attachmentContent made of the path', async () => {
    vi.mocked(attachmentContent).mockResolvedValue({
      type: 'file',
      file_id: 'f-1',
      name: 'notes.txt',
    });
    api.on('POST /conversations/:id/messages', (req) => [
      201,
      {
        ...message({ id: 'm-3000' }),
        content: {
          type: 'file',
          file_id: 'f-1',
          name: 'notes.txt',
          url: '/files/f-1',
          size: 5,
          content_type: 'text/plain',
        },
        client_message_id: (req.body as { client_message_id: string }).client_message_id,
      },
    ]);
    const { code, stdout } = await cli(['chat', 'bob'], { stdin: '/file ./docs/notes.txt\n' });
    expect(code).toBe(0);
    expect(vi.mocked(attachmentContent).mock.calls.at(-1)?.[1]).toBe('./docs/notes.txt');
    expect(api.sent('POST /conversations/c-1/messages')[0]?.body).toMatchObject({
      content: { type: 'file', file_id: 'f-1', name: 'notes.txt' },
    });
    expect(stdout).toMatch(/^#2 \[2026-11-21 09:35\] alice: /m);
  });

  it('prints why a file could not be sent, sends nothing and exits 1', async () => {
    vi.mocked(attachmentContent).mockRejectedValue(new Error('cannot read ./missing.png'));
    const { code, stderr } = await cli(['chat', 'bob'], { stdin: '/file ./missing.png\n' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot read \.\/missing\.png/);
    expect(api.sent('POST /conversations/c-1/messages')).toEqual([]);
  });
});
