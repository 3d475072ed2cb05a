import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('npm run mock (issue 6 #10)', () => {
  it('builds the mock server and the spec it serves before starting Prism', async () => {
    const { scripts } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const [build = '', start = ''] = (scripts.mock ?? '').split('&&').map((part) => part.trim());
    expect(start).toBe('npm run start --workspace @imkit/mock-server');
    const [command, ...args] = build.split(/\s+/);
    expect(command).toBe('turbo');
    // Ask turbo which tasks that command would run, without running them.
    const { stdout } = await run('npx', ['--no-install', 'turbo', ...args, '--dry=json'], {
      cwd: repoRoot,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const tasks = (JSON.parse(stdout) as { tasks: { taskId: string }[] }).tasks.map(
      (task) => task.taskId,
    );
    expect(tasks).toEqual(
      expect.arrayContaining(['@imkit/mock-server#build', '@imkit/openapi#build']),
    );
  }, 60_000);
});
