import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createImkitClient, type ImkitClient, newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleServer, startExampleServer } from './exampleServer.js';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const program = path.join(examplesDir, 'using-the-sdk.ts');
const password = 'correct horse battery';

let server: ExampleServer;
let child: ChildProcess | undefined;

beforeAll(async () => {
  server = await startExampleServer();
});
afterAll(async () => {
  child?.kill();
  await server.close();
});

/** The code of the fenced `ts` block under the README's "Using the SDK" heading. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(examplesDir, '../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using the SDK'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('no ts block under "## Using the SDK"');
  return block;
}

/** Alice and Bob, registered and friends, as the snippet expects; resolves Bob's client. */
async function aliceAndBobAreFriends(): Promise<ImkitClient> {
  const alice = createImkitClient({ baseUrl: server.url });
  const bob = createImkitClient({ baseUrl: server.url });
  await alice.register({ body: { username: 'alice', password } });
  const bobSession = await bob.register({ body: { username: 'bob', password } });
  const request = await alice.sendFriendRequest({ body: { user_id: bobSession.user.id } });
  await bob.acceptFriendRequest({ path: { request_id: request.id } });
  return bob;
}

describe("the README's SDK snippet (issue 6 #11)", () => {
  it('is the code of examples/using-the-sdk.ts, which CI type-checks', () => {
    const source = fs.readFileSync(program, 'utf8');
    const code = source.replace(/^(\/\/.*\n)+/, '');
    expect(readmeSnippet()).toBe(code);
  });

  it('runs as written: sends hi to bob, then prints what bob sends live', async () => {
    const bob = await aliceAndBobAreFriends();
    const running = spawn(process.execPath, ['--import', 'tsx', program], {
      cwd: examplesDir,
      env: { ...process.env, IMKIT_SERVER: server.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = running;
    let output = '';
    running.stdout.on('data', (chunk) => {
      output += chunk;
    });
    running.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const conversation = await waitFor(async () => {
      const page = await bob.listConversations({ query: { limit: 10 } });
      const found = page.items.find((c) => c.last_message !== null);
      return found && found.last_message?.content.type === 'text' ? found : undefined;
    });
    expect(conversation.last_message?.content).toEqual({ type: 'text', text: 'hi' });
    // The snippet listens once connected; Bob says hello until it prints one.
    await waitFor(async () => {
      if (running.exitCode !== null) throw new Error(`the snippet exited: ${output}`);
      await bob.sendMessage({
        path: { conversation_id: conversation.id },
        body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'hello' } },
      });
      return output.includes('bob: hello\n') || undefined;
    });
  }, 30_000);
});

/** Calls `probe` every second until it resolves a value; fails after 20 s. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
