import { createImkitClient } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
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

let api: FakeApi;
let realtime: FakeRealtime;
let cli: (args: string[], options?: CliRunOptions) => ReturnType<typeof runCli>;

const earlier = message({ id: 'm-0001', sender: bob, text: 'are you there?' });

beforeEach(async () => {
  api = new FakeApi();
  realtime = new FakeRealtime();
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
    expect(stdout).toBe('[2026-11-21 09:35] bob: are you there?\n[2026-11-21 09:41] alice: hi\n');
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
    expect(stdout).toBe('[2026-11-21 09:35] bob: are you there?\n[2026-11-21 09:35] bob: hello!\n');
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
