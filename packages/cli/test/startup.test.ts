import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const recorder = fileURLToPath(new URL('./support/recordImports.mjs', import.meta.url));

/** Runs `imkit <args>` from source and returns every module specifier it imported. */
async function importsOf(args: string[]): Promise<string[]> {
  const log = join(await mkdtemp(join(tmpdir(), 'imkit-imports-')), 'imports.log');
  const env = { ...process.env, IMKIT_IMPORT_LOG: log, IMKIT_CONFIG_DIR: join(log, '..') };
  await run(process.execPath, ['--import', 'tsx', '--import', recorder, 'src/bin.ts', ...args], {
    cwd: packageDir,
    env,
  });
  return (await readFile(log, 'utf8')).split('\n');
}

const HEAVY = ['@imkit/sdk', '@inquirer/prompts', 'ws'];

describe('imkit start-up loads only what the command needs (issue 7)', () => {
  it('prints --version and --help without loading the SDK, prompts or ws', async () => {
    for (const args of [
      ['--version'],
      ['--help'],
      ['send', '--help'],
      ['groups', '--help'],
      ['groups', 'mute', '--help'],
      ['inbox', '--help'],
    ]) {
      const imported = await importsOf(args);
      expect(imported).toContain('commander');
      expect(imported.filter((specifier) => HEAVY.includes(specifier))).toEqual([]);
    }
  }, 30_000);
});
