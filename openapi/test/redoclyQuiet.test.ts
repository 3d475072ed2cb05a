import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NODE20_NOTICE, withoutNode20Notice } from '../scripts/node20Notice.mjs';

const run = promisify(execFile);
const cwd = fileURLToPath(new URL('..', import.meta.url));

/** What Redocly CLI 2.x writes on stderr under Node 20 before anything else. */
const BOX = [
  '',
  '    ╔═══════════════════════════════════════════════════╗',
  '    ║                                                   ║',
  `    ║  \u001b[1m\u001b[33mDeprecation warning: ${NODE20_NOTICE}\u001b[39m\u001b[22m  ║`,
  '    ║  You are using Node.js v20.20.2.                  ║',
  '    ╚═══════════════════════════════════════════════════╝',
  '',
].join('\n');

describe('Redocly runs without its Node 20 notice box (issue 6 #15)', () => {
  it('drops the box and the blank lines around it, and nothing else', () => {
    const rest = 'nonexist.yaml does not exist or is invalid.\n\nPlease provide a valid path.\n';
    expect(withoutNode20Notice(`${BOX}\n${rest}`)).toBe(rest);
  });

  it('keeps other boxes and blank lines as they are', () => {
    const other = '\n    ╔══╗\n    ║ hi ║\n    ╚══╝\n\nlast line\n';
    expect(withoutNode20Notice(other)).toBe(other);
  });

  it('bundles the spec through scripts/redocly.mjs with a quiet stderr', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'imkit-bundle-')), 'openapi.json');
    const { stderr } = await run(
      process.execPath,
      ['scripts/redocly.mjs', 'bundle', 'src/openapi.yaml', '-o', out],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(stderr).not.toContain(NODE20_NOTICE);
    expect(stderr).toContain('Created a bundle');
    expect((await stat(out)).size).toBeGreaterThan(0);
  }, 60_000);

  it('passes on the exit code of a failing Redocly command', async () => {
    const failed = await run(process.execPath, ['scripts/redocly.mjs', 'lint', 'no-such.yaml'], {
      cwd,
    }).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).not.toContain(NODE20_NOTICE);
  }, 60_000);

  it('runs every Redocly command of the package scripts through scripts/redocly.mjs', async () => {
    const { scripts } = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const commands = Object.values(scripts).flatMap((script) => script.split('&&'));
    const redocly = commands.filter((command) => /\bredocly(\.mjs)?\b/.test(command));
    expect(redocly.length).toBeGreaterThan(0);
    for (const command of redocly) expect(command.trim()).toMatch(/^node scripts\/redocly\.mjs /);
  });
});
