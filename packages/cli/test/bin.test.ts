import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '../..');

async function manifest(): Promise<{ version: string; bin: { imkit: string } }> {
  return JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
}

describe('the imkit command npm links (issue 6 #9)', () => {
  it('is a committed file, so npm can link it at install time, before any build', async () => {
    const { bin } = await manifest();
    const { stdout } = await run('git', ['ls-files', '--error-unmatch', bin.imkit], {
      cwd: packageDir,
    });
    expect(stdout.trim()).toBe(bin.imkit.replace(/^\.\//, ''));
  });

  it('is the file the lockfile links, since npm install links what the lockfile says', async () => {
    const { bin } = await manifest();
    const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { bin?: Record<string, string> }>;
    };
    expect(lock.packages['packages/cli']?.bin).toEqual({ imkit: bin.imkit.replace(/^\.\//, '') });
  });

  it('says to run the build first when the CLI is not built yet', async () => {
    const { bin } = await manifest();
    const unbuilt = await mkdtemp(join(tmpdir(), 'imkit-unbuilt-'));
    await mkdir(join(unbuilt, 'bin'));
    await copyFile(join(packageDir, bin.imkit), join(unbuilt, bin.imkit));
    const failed = await run(process.execPath, [join(unbuilt, bin.imkit), '--version']).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/run `npm run build`/);
  });

  it('runs as `npx imkit` from the repository root after the build', async () => {
    const { version } = await manifest();
    const { stdout } = await run('npx', ['--no-install', 'imkit', '--version'], {
      cwd: repoRoot,
    });
    expect(stdout.trim()).toBe(version);
  }, 30_000);
});
