import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../src/errors.js';
import { runCli, scriptedPrompter } from './harness.js';

describe('imkit --help', () => {
  it('lists exactly the commands that exist', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const commands = stdout
      .slice(stdout.indexOf('Commands:'))
      .split('\n')
      .slice(1)
      .map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1])
      .filter(Boolean);
    expect(commands).toEqual([
      'register',
      'login',
      'logout',
      'whoami',
      'friends',
      'send',
      'history',
      'chat',
      'listen',
      'groups',
      'inbox',
      'react',
      'unreact',
      'edit',
      'recall',
      'delete',
      'receipts',
      'download',
      'search',
      'pin',
      'unpin',
      'mute',
      'unmute',
      'hide',
      'clear',
      'profile',
      'passwd',
      'email',
      'password-reset',
      'account',
      'users',
      'friend-groups',
      'profiles',
      'help',
    ]);
  });

  it('lists every groups subcommand of issue 9', async () => {
    const { code, stdout } = await runCli(['groups', '--help']);
    expect(code).toBe(0);
    const subcommands = stdout
      .slice(stdout.indexOf('Commands:'))
      .split('\n')
      .slice(1)
      .map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1])
      .filter(Boolean);
    expect(subcommands).toEqual([
      'list',
      'create',
      'show',
      'members',
      'invite',
      'invitations',
      'approve',
      'reject',
      'join',
      'requests',
      'approve-request',
      'reject-request',
      'role',
      'kick',
      'mute',
      'unmute',
      'mute-all',
      'nick',
      'announce',
      'announcements',
      'transfer',
      'leave',
      'dismiss',
      'help',
    ]);
  });

  it('exits 2 on a bad --for duration or role, before contacting a server', async () => {
    for (const args of [
      ['groups', 'mute', 'climbing', 'bob', '--for', 'ten minutes'],
      ['groups', 'role', 'climbing', 'bob', 'owner'],
      ['groups', 'mute-all', 'climbing', 'maybe'],
    ]) {
      const { code, stdout } = await runCli(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
    }
  });

  it('lists the friends subcommands', async () => {
    const { code, stdout } = await runCli(['friends', '--help']);
    expect(code).toBe(0);
    for (const sub of ['add', 'requests', 'accept', 'list']) expect(stdout).toMatch(`  ${sub}`);
  });

  it('prints the version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('command-line errors', () => {
  it('exits 2 on an unknown command, without touching stdout', async () => {
    const { code, stdout, stderr } = await runCli(['frends']);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/error: unknown command 'frends'/);
  });

  it('exits 2 when an argument is missing', async () => {
    const { code, stderr } = await runCli(['send', 'bob']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/missing required argument 'text'/);
  });

  it('exits 2 on a --limit that is not a positive whole number', async () => {
    const { code, stderr } = await runCli(['history', 'bob', '--limit', 'ten']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/--limit/);
  });

  it('exits 2 on an invalid --server', async () => {
    const { code, stderr } = await runCli(['whoami', '--server', 'ftp://x']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/invalid server URL/);
  });
});

describe('missing values without a terminal', () => {
  it('names --username when login has none and stdin is not a TTY', async () => {
    const { code, stderr } = await runCli(['login', '--password', 'secret123']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toBe(
      'error: missing --username (or --email) (imkit asks for it only when stdin is a terminal)\n',
    );
  });

  it('names --password when there is no password flag, stdin or IMKIT_PASSWORD', async () => {
    const { code, stderr } = await runCli(['register', '--username', 'alice']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/^error: missing --password \(or --password-stdin, or IMKIT_PASSWORD\)/);
  });

  it('never prompts when stdin is not a terminal', async () => {
    const prompter = scriptedPrompter(['alice', 'secret123']);
    const { code } = await runCli(['login'], { prompter });
    expect(code).toBe(EXIT_USAGE);
    expect(prompter.asked).toEqual([]);
  });

  it('does not prompt for the username when stdin carries the password', async () => {
    const prompter = scriptedPrompter(['alice']);
    const { code, stderr } = await runCli(['login', '--password-stdin'], {
      isTTY: true,
      prompter,
      stdin: 'secret123\n',
    });
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/missing --username/);
    expect(prompter.asked).toEqual([]);
  });

  it('rejects --password together with --password-stdin', async () => {
    const { code, stderr } = await runCli(
      ['login', '--username', 'alice', '--password', 'x', '--password-stdin'],
      { stdin: 'y\n' },
    );
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/either --password or --password-stdin/);
  });

  it('rejects --username together with --email', async () => {
    const { code, stderr } = await runCli(['login', '--username', 'a', '--email', 'a@x.io']);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/either --username or --email/);
  });
});

describe('not logged in', () => {
  it.each([
    ['whoami'],
    ['friends', 'list'],
    ['friends', 'requests'],
    ['friends', 'add', 'bob'],
    ['send', 'bob', 'hi'],
    ['history', 'bob'],
    ['chat', 'bob'],
  ])('%s %s fails with a hint to log in', async (...args) => {
    const { code, stdout, stderr } = await runCli(args, {
      env: { IMKIT_SERVER: 'http://127.0.0.1:1' },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: not logged in to http://127.0.0.1:1\nhint: run `imkit login` (or `imkit register`) first\n',
    );
  });

  it('logout without a session succeeds and says so', async () => {
    const { code, stdout } = await runCli(['logout']);
    expect(code).toBe(0);
    expect(stdout).toBe('not logged in to http://localhost:8080\n');
  });
});
