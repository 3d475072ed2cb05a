import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { groupTestServer } from './support/groupTestServer.js';
import { befriendAll, ok, registeredUser, type TerminalUser } from './support/realServer.js';

const t = groupTestServer();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** `imkit` run from source, as a shell script would call the installed command. */
const IMKIT = `"${process.execPath}" --import tsx "${join(packageDir, 'src/bin.ts')}"`;

async function friends(prefix: string) {
  const ann = await registeredUser(t.url, `${prefix}_ann`);
  const ben = await registeredUser(t.url, `${prefix}_ben`);
  await befriendAll([ann, ben]);
  return { ann, ben };
}

/** Resolves once `user`'s history with `peer` has a message with `text`. */
async function waitForMessage(user: TerminalUser, peer: string, text: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await ok(user, ['history', peer])).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${user.username} never saw "${text}"`);
}

/** The `data.content.text` of each JSON line `imkit listen --json` printed. */
function texts(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; data: { content?: { text?: string } } })
    .filter((event) => event.type === 'message.created')
    .map((event) => event.data.content?.text ?? '');
}

describe('imkit listen against the real server (issue 12)', { timeout: 30_000 }, () => {
  it('lets a shell script wait for a reply with --once --json', async () => {
    const { ann, ben } = await friends('l1');
    const script = join(ben.configDir, 'ask.sh');
    await writeFile(
      script,
      [
        'set -eu',
        `${IMKIT} send ${ann.username} "ready for the gig?" > /dev/null`,
        `reply=$(${IMKIT} listen ${ann.username} --once --json)`,
        'printf "%s" "$reply" | node -e \'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.content.text))\'',
      ].join('\n'),
    );
    const env = { ...process.env, IMKIT_CONFIG_DIR: ben.configDir, IMKIT_SERVER: t.url };
    const asked = promisify(execFile)('bash', [script], { env, cwd: packageDir });
    await waitForMessage(ann, ben.username, 'ready for the gig?');
    await ok(ann, ['send', ben.username, 'yes, see you at 8']);
    const { stdout } = await asked;
    expect(stdout).toBe('yes, see you at 8\n');
  });

  it('--once waits for someone else, skipping the own messages it sees live', async () => {
    const { ann, ben } = await friends('l2');
    await ok(ben, ['send', ann.username, 'ping']);
    const listening = ben.run(['listen', ann.username, '--once', '--json']);
    await ok(ben, ['send', ann.username, 'anyone?']);
    await ok(ann, ['send', ben.username, 'pong']);
    const { code, stdout, stderr } = await listening;
    expect([code, stderr]).toEqual([0, '']);
    // `anyone?` may or may not be seen live, depending on when the socket opened; `pong` ends it.
    expect(texts(stdout).filter((text) => text !== 'anyone?')).toEqual(['pong']);
  });

  it('--tail prints the latest messages first, labelled by conversation when several', async () => {
    const { ann, ben } = await friends('l3');
    const cat = await registeredUser(t.url, 'l3_cat');
    await befriendAll([ben, cat]);
    await ok(ann, ['send', ben.username, 'one']);
    await ok(cat, ['send', ben.username, 'two']);
    await ok(ben, ['send', ann.username, 'read you']);
    await ok(ben, ['send', cat.username, 'me too']);
    await ok(ann, ['send', ben.username, 'three']);
    // `three` is both among the latest two and the first unread one: --once ends at once.
    const { code, stdout } = await ben.run([
      'listen',
      ann.username,
      cat.username,
      '--tail',
      '2',
      '--once',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.replace(/^\[[^\]]+\] /, ''))).toEqual([
      `@${cat.username} ${ben.username}: me too`,
      `@${ann.username} ${ann.username}: three`,
    ]);
  });

  it('listens to every conversation until stopped, friend requests included', async () => {
    const { ann, ben } = await friends('l4');
    const dan = await registeredUser(t.url, 'l4_dan');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'listen', '--json'], {
      cwd: packageDir,
      env: { ...process.env, IMKIT_CONFIG_DIR: ben.configDir, IMKIT_SERVER: t.url },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const seen = async (what: string) => {
      for (let attempt = 0; attempt < 400 && !stdout.includes(what); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stdout).toContain(what);
    };
    // Sent until the listener shows it: the socket opens at some point after the start.
    for (let attempt = 0; attempt < 100 && !stdout.includes('"hello?"'); attempt++) {
      await ok(ann, ['send', ben.username, 'hello?']);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await seen('"hello?"');
    await ok(dan, ['friends', 'add', ben.username]);
    await seen('"friend_request.created"');
    await ok(ann, ['send', ben.username, 'bye']);
    await seen('"bye"');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const types = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toContain('friend_request.created');
    expect(texts(stdout).at(-1)).toBe('bye');
  });
});
