import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ImkitServer } from '@imkit/reference-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { twoFriendsChat } from '../two-friends-chat.js';

let server: ImkitServer;
let url: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-example-'));

beforeAll(async () => {
  server = await createServer({
    dataDir,
    databaseFile: path.join(dataDir, 'db.sqlite'),
    logLevel: 'silent',
  });
  url = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('runs the two-friends chat example against the real server', async () => {
  const lines = await twoFriendsChat(url);
  expect(lines.slice(0, 2).map((l) => l.split(': ')[1])).toEqual([
    'hi Bob!',
    'are we still on for tonight?',
  ]);
  expect(lines[2]).toContain('(expected)');
}, 20_000);
