import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cwd = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' };

describe('linters', () => {
  it('redocly lint (recommended-strict) reports no problem', async () => {
    const { stdout, stderr } = await run('npx', ['redocly', 'lint', 'src/openapi.yaml'], {
      cwd,
      env,
    });
    expect(`${stdout}${stderr}`).toContain('Your API description is valid');
  }, 60_000);

  it('spectral lint (spectral:oas) reports no error or warning on the bundle', async () => {
    const { stdout } = await run(
      'npx',
      ['spectral', 'lint', 'dist/openapi.json', '--fail-severity=warn', '--format=json', '--quiet'],
      { cwd, env },
    );
    const problems = JSON.parse(stdout || '[]') as Array<{ code: string; severity: number }>;
    expect(problems.filter((problem) => problem.severity <= 1)).toEqual([]);
  }, 60_000);
});
