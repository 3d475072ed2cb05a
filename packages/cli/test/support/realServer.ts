// End-to-end support: the reference server started from its source (its own test helpers, so
// `IMKIT_TEST_BACKEND=postgres` runs the same tests on PostgreSQL + Redis), and terminal users
// whose CLI runs in this process with every response checked against the spec.
import { createImkitClient, type Group } from '@imkit/sdk';
import { afterEach, expect } from 'vitest';
import {
  contractCheckingFetch,
  takeViolations,
} from '../../../reference-server/test/support/contractCheck.js';
import {
  startTestServer,
  type TestServer,
} from '../../../reference-server/test/support/testServer.js';
import { type CliResult, runCli, tempConfigDir } from '../harness.js';

export { startTestServer, type TestServer };

/** The password of every test user. */
export const PASSWORD = 'correct horse battery';

// Every HTTP response the CLI saw must match the spec.
afterEach(() => {
  expect(takeViolations()).toEqual([]);
});

/** One person at a terminal: a config folder of their own, running `imkit` against `server`. */
export interface TerminalUser {
  username: string;
  configDir: string;
  server: string;
  /** Runs `imkit <args>` (stdin: the text piped in) and resolves its exit code and output. */
  run(args: string[], stdin?: string): Promise<CliResult>;
}

/** Registers `username` with `imkit register` and returns them logged in. */
export async function registeredUser(server: string, username: string): Promise<TerminalUser> {
  const configDir = await tempConfigDir();
  const run = (args: string[], stdin = '') =>
    runCli(args, {
      configDir,
      stdin,
      env: { IMKIT_SERVER: server },
      createClient: (options) => createImkitClient({ ...options, fetch: contractCheckingFetch }),
    });
  const registered = await run(['register', '--username', username, '--password-stdin'], PASSWORD);
  expect(registered, registered.stderr).toMatchObject({ code: 0 });
  return { username, configDir, server, run };
}

/** Makes `a` and `b` friends through the CLI (a asks, b accepts). */
export async function befriendAll(users: readonly TerminalUser[]): Promise<void> {
  for (const [i, a] of users.entries()) {
    for (const b of users.slice(i + 1)) {
      expect((await a.run(['friends', 'add', b.username])).code).toBe(0);
      expect((await b.run(['friends', 'accept', a.username])).code).toBe(0);
    }
  }
}

/** Runs `args` and expects exit code 0, showing stderr when it is not. */
export async function ok(user: TerminalUser, args: string[], stdin?: string): Promise<string> {
  const result = await user.run(args, stdin);
  expect(result, `imkit ${args.join(' ')}: ${result.stderr}`).toMatchObject({ code: 0 });
  return result.stdout;
}

/**
 * Three friends `<prefix>_ann`, `<prefix>_ben` and `<prefix>_cat`; ann owns the group `name`
 * (created with `imkit groups create`) with the other two as members.
 */
export async function groupOfThree(server: string, prefix: string, name: string) {
  const users = await Promise.all(
    ['ann', 'ben', 'cat'].map((n) => registeredUser(server, `${prefix}_${n}`)),
  );
  await befriendAll(users);
  const [ann, ben, cat] = users as [TerminalUser, TerminalUser, TerminalUser];
  const group = JSON.parse(
    await ok(ann, [
      'groups',
      'create',
      name,
      '--members',
      `${ben.username},${cat.username}`,
      '--description',
      'rocks and ropes',
      '--json',
    ]),
  ) as Group;
  return { ann, ben, cat, group };
}
