import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser } from './support/runCli.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { newClient } from './support/users.js';

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

/** Two CLI users who are friends. */
async function cliFriends(a: string, b: string) {
  const first = await registered(a);
  const second = await registered(b);
  expect((await first.run(['friends', 'add', b])).code).toBe(0);
  expect((await second.run(['friends', 'accept', a])).code).toBe(0);
  return [first, second] as const;
}

/** `username`'s unread count in its conversations, seen through the SDK. */
async function unreadCounts(username: string): Promise<number[]> {
  const client = newClient(t.url);
  await client.login({ body: { login: username, password: PASSWORD } });
  const page = await client.listConversations({ query: { limit: 10 } });
  return page.items.map((conversation) => conversation.unread_count);
}

describe('the imkit CLI hardened (issue 6)', () => {
  it("chat marks what it showed as read, so the reader's unread count drops to 0 (#14)", async () => {
    const [gina, hank] = await cliFriends('cli_gina', 'cli_hank');
    for (const text of ['one', 'two', 'three']) {
      expect((await hank.run(['send', 'cli_gina', text])).code).toBe(0);
    }
    expect(await unreadCounts('cli_gina')).toEqual([3]);
    const chat = await gina.run(['chat', 'cli_hank'], '/quit\n');
    expect(chat, chat.stderr).toMatchObject({ code: 0 });
    expect(chat.stdout).toMatch(/cli_hank: three\n$/);
    expect(await unreadCounts('cli_gina')).toEqual([0]);
  });

  it('chat refuses an unknown /command instead of sending it (#14)', async () => {
    const [ivy, jack] = await cliFriends('cli_ivy', 'cli_jack');
    const chat = await ivy.run(['chat', 'cli_jack'], '/qiut\n//shrug\n/quit\n');
    expect(chat, chat.stderr).toMatchObject({ code: 0 });
    expect(chat.stderr).toContain('unknown command /qiut');
    const history = JSON.parse((await jack.run(['history', 'cli_ivy', '--json'])).stdout) as {
      content: { text: string };
    }[];
    expect(history.map((m) => m.content.text)).toEqual(['/shrug']);
  });

  it('send - sends the text piped on stdin, and a blank text is refused in one line (#13, #14)', async () => {
    const [kim, lee] = await cliFriends('cli_kim', 'cli_lee');
    expect((await kim.run(['send', 'cli_lee', '-'], 'from a pipe\n')).code).toBe(0);
    const blank = await kim.run(['send', 'cli_lee', '   ']);
    expect(blank.code).toBe(2);
    expect(blank.stderr.trimEnd().split('\n')).toHaveLength(1);
    const history = JSON.parse((await lee.run(['history', 'cli_kim', '--json'])).stdout) as {
      content: { text: string };
    }[];
    expect(history.map((m) => m.content.text)).toEqual(['from a pipe']);
  });

  it('logout with the server down ends the session locally and says so (#14)', async () => {
    const own = await startTestServer();
    const mia = cliUser(own.url);
    const register = await mia.run(
      ['register', '--username', 'cli_mia', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(register.code).toBe(0);
    await own.close();
    const logout = await mia.run(['logout']);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toBe('logged out cli_mia on this machine\n');
    expect(logout.stderr).toContain(`could not tell the server: cannot reach ${own.url}`);
    expect(fs.readdirSync(mia.configDir).filter((f) => f.includes('session'))).toEqual([]);
    expect((await mia.run(['whoami'])).stderr).toContain('not logged in');
  });
});
