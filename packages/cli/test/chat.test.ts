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
    expect(stderr).toBe('chatting with bob; /quit or end of input leaves\n');
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
