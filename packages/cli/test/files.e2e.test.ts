import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImkitClient, type Message } from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fileCheckingFetch,
  takeFileViolations,
} from '../../reference-server/test/support/fileContractCheck.js';
import { mp3, PNG } from '../../reference-server/test/support/fileSamples.js';
import { type CliResult, runCli, tempConfigDir } from './harness.js';
import { PASSWORD, startTestServer, type TestServer } from './support/realServer.js';

// Downloads are binary: every response is checked against the spec without parsing it as JSON.
afterEach(() => {
  expect(takeFileViolations()).toEqual([]);
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Terminal {
  username: string;
  run(args: string[], stdin?: string): Promise<CliResult>;
}

let counter = 0;

/** Registers a user with `imkit register`; their CLI's responses are checked against the spec. */
async function terminal(name: string): Promise<Terminal> {
  counter += 1;
  const username = `${name}${counter}_${process.pid % 1000}`;
  const configDir = await tempConfigDir();
  const run = (args: string[], stdin = '') =>
    runCli(args, {
      configDir,
      stdin,
      env: { IMKIT_SERVER: server.url },
      createClient: (options) => createImkitClient({ ...options, fetch: fileCheckingFetch }),
    });
  const registered = await run(['register', '--username', username, '--password-stdin'], PASSWORD);
  expect(registered, registered.stderr).toMatchObject({ code: 0 });
  return { username, run };
}

async function ok(user: Terminal, args: string[]): Promise<string> {
  const result = await user.run(args);
  expect(result, `imkit ${args.join(' ')}: ${result.stderr}`).toMatchObject({ code: 0 });
  return result.stdout;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-cli-files-'));
}

/** Ann and Ben, friends, and a folder holding a photo and a recording. */
async function friends() {
  const ann = await terminal('ann');
  const ben = await terminal('ben');
  await ok(ann, ['friends', 'add', ben.username]);
  await ok(ben, ['friends', 'accept', ann.username]);
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'summit.png'), PNG);
  fs.writeFileSync(path.join(dir, 'take.mp3'), mp3());
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'bring the rope\n');
  return { ann, ben, dir };
}

async function sendFile(from: Terminal, to: Terminal, file: string): Promise<Message> {
  const out = await ok(from, ['send', to.username, '--file', file, '--json']);
  const sent = JSON.parse(out) as Message | Message[];
  return Array.isArray(sent) ? sent[0]! : sent;
}

describe('imkit send --file picks the message type from the uploaded bytes', () => {
  it('sends an image, audio and any other file as image, audio and file messages', async () => {
    const { ann, ben, dir } = await friends();
    const image = await sendFile(ann, ben, path.join(dir, 'summit.png'));
    const audio = await sendFile(ann, ben, path.join(dir, 'take.mp3'));
    const text = await sendFile(ann, ben, path.join(dir, 'notes.txt'));
    expect([image.content.type, audio.content.type, text.content.type]).toEqual([
      'image',
      'audio',
      'file',
    ]);
    expect(text.content).toMatchObject({
      name: 'notes.txt',
      content_type: 'text/plain; charset=utf-8',
    });
  });

  it('names the path it cannot read, and sends nothing', async () => {
    const { ann, ben, dir } = await friends();
    const missing = await ann.run(['send', ben.username, '--file', path.join(dir, 'nope.png')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot read ${path.join(dir, 'nope.png')}: no such file`);
    const history = JSON.parse(await ok(ben, ['history', ann.username, '--json'])) as Message[];
    expect(history).toEqual([]);
  });
});

describe('imkit download', () => {
  it('streams the file of a message to disk under its own name, refusing to overwrite', async () => {
    const { ann, ben, dir } = await friends();
    const message = await sendFile(ann, ben, path.join(dir, 'summit.png'));
    const into = tempDir();
    const out = await ok(ben, ['download', message.id, '-o', `${into}/`]);
    const saved = path.join(into, 'summit.png');
    expect(out).toBe(`saved ${saved} (${PNG.length} bytes, image/png)\n`);
    expect(fs.readFileSync(saved).equals(PNG)).toBe(true);
    // The same again would replace it: refused unless --force.
    fs.writeFileSync(saved, 'mine');
    const again = await ben.run(['download', message.id, '-o', into]);
    expect([again.code, again.stderr]).toEqual([
      1,
      expect.stringContaining(`${saved} already exists`),
    ]);
    expect(fs.readFileSync(saved, 'utf8')).toBe('mine');
    await ok(ben, ['download', message.id, '-o', into, '--force']);
    expect(fs.readFileSync(saved).equals(PNG)).toBe(true);
    // A message named as `imkit history` shows it (the end of its id) works too.
    const short = message.id.slice(-8);
    const other = path.join(into, 'copy.png');
    const json = JSON.parse(await ok(ben, ['download', short, '-o', other, '--json']));
    expect(json).toMatchObject({ path: other, bytes: PNG.length, content_type: 'image/png' });
    expect(fs.readFileSync(other).equals(PNG)).toBe(true);
  });

  it('takes a file id, and writes to stdout with -o -', async () => {
    const { ann, ben, dir } = await friends();
    const message = await sendFile(ann, ben, path.join(dir, 'notes.txt'));
    const fileId = (message.content as { file_id: string }).file_id;
    expect(await ok(ben, ['download', fileId, '-o', '-'])).toBe('bring the rope\n');
  });

  it('refuses a file of a conversation one is not in, and a message without a file', async () => {
    const { ann, ben, dir } = await friends();
    const carol = await terminal('carol');
    const message = await sendFile(ann, ben, path.join(dir, 'summit.png'));
    const fileId = (message.content as { file_id: string }).file_id;
    const into = tempDir();
    const stranger = await carol.run(['download', fileId, '-o', into]);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/file\.not_found|message\.not_found/);
    expect(fs.readdirSync(into)).toEqual([]);
    await ok(ann, ['send', ben.username, 'just text']);
    const history = JSON.parse(await ok(ben, ['history', ann.username, '--json'])) as Message[];
    const textMessage = history.find((m) => m.content.type === 'text')!;
    const noFile = await ben.run(['download', textMessage.id, '-o', into]);
    expect([noFile.code, noFile.stderr]).toEqual([2, expect.stringContaining('carries no file')]);
  });
});
