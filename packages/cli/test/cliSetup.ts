import { createImkitClient } from '@imkit/sdk';
import { FakeApi } from './fakeApi.js';
import { type CliRunOptions, runCli, seedSession, TEST_SERVER, tempConfigDir } from './harness.js';

/** A CLI with a fresh config folder (not logged in) talking to a fake API. */
export async function fakeApiCli() {
  const api = new FakeApi();
  const configDir = await tempConfigDir();
  const cli = (args: string[], options: CliRunOptions = {}) =>
    runCli(args, {
      configDir,
      createClient: (o) => createImkitClient({ ...o, fetch: api.fetch }),
      ...options,
      env: { IMKIT_SERVER: TEST_SERVER, ...options.env },
    });
  return { api, configDir, cli };
}

/** A logged-in CLI (alice) talking to a fake API. */
export async function loggedInCli() {
  const setup = await fakeApiCli();
  await seedSession(setup.configDir);
  return setup;
}

/** A page body as the spec defines it. */
export function page<T>(items: T[], nextCursor: string | null = null) {
  return { items, next_cursor: nextCursor, has_more: nextCursor !== null };
}
