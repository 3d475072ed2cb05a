import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser } from './support/runCli.js';
import { startTestServer, type TestServer } from './support/testServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const PASSWORD = 'correct horse battery';

async function registered(name: string) {
  const user = cliUser(t.url);
  const result = await user.run(
    ['register', '--username', name, '--password-stdin'],
    `${PASSWORD}\n`,
  );
  expect(result, result.stderr).toMatchObject({ code: 0 });
  return user;
}

describe('the imkit CLI against the real server', () => {
  it('registers, befriends, sends and shows history as JSON', async () => {
    const alice = await registered('cli_alice');
    const bob = await registered('cli_bob');
    expect((await alice.run(['friends', 'add', 'cli_bob', '--message', 'hi bob'])).code).toBe(0);
    const requests = await bob.run(['friends', 'requests', '--json']);
    expect(JSON.parse(requests.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'pending', message: 'hi bob' })]),
    );
    expect((await bob.run(['friends', 'accept', 'cli_alice'])).code).toBe(0);
    const sent = await alice.run(['send', 'cli_bob', 'hello', 'from', 'the', 'terminal']);
    expect(sent, sent.stderr).toMatchObject({ code: 0 });
    const history = await bob.run(['history', 'cli_alice', '--json']);
    expect(history.code).toBe(0);
    const messages = JSON.parse(history.stdout) as {
      content: { text: string };
      sender: { username: string };
    }[];
    expect(messages.map((m) => [m.sender.username, m.content.text])).toEqual([
      ['cli_alice', 'hello from the terminal'],
    ]);
    const token = fs.statSync(
      path.join(
        alice.configDir,
        fs.readdirSync(alice.configDir).find((f) => f.includes('session'))!,
      ),
    );
    expect(token.mode & 0o777).toBe(0o600);
  });

  it('sends each line typed into chat and leaves on /quit', async () => {
    const carol = await registered('cli_carol');
    const dave = await registered('cli_dave');
    await carol.run(['friends', 'add', 'cli_dave']);
    await dave.run(['friends', 'accept', 'cli_carol']);
    const chat = await carol.run(['chat', 'cli_dave'], 'first line\nsecond line\n/quit\n');
    expect(chat, chat.stderr).toMatchObject({ code: 0 });
    const history = JSON.parse((await dave.run(['history', 'cli_carol', '--json'])).stdout) as {
      content: { text: string };
    }[];
    expect(history.map((m) => m.content.text)).toEqual(['first line', 'second line']);
  });

  it('fails with the server message and a non-zero code', async () => {
    const erin = await registered('cli_erin');
    const wrong = await cliUser(t.url).run(
      ['login', '--username', 'cli_erin', '--password-stdin'],
      'wrong password\n',
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('auth.invalid_credentials');
    const stranger = await erin.run(['send', 'cli_nobody', 'hello?']);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr.length).toBeGreaterThan(0);
    const missing = await cliUser(t.url).run(['login', '--username', 'cli_erin']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--password');
  });
});
