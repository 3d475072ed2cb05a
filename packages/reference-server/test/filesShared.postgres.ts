// Two servers (in one test process) on one PostgreSQL database, one Redis prefix and one shared
// files folder (`filesDir`, a network volume in a real deployment): an upload through one is a
// download through the other. Runs under `npm run test:postgres` only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ImkitServer } from '@imkit/reference-server';
import {
  createImkitClient,
  newClientMessageId,
  openFileDownload,
  uploadFileFromPath,
} from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileCheckingFetch, takeFileViolations } from './support/fileContractCheck.js';
import { PNG, writeTemp } from './support/fileSamples.js';
import { createTestStore, type TestStore } from './support/testBackend.js';
import { TEST_JWT_SECRET } from './support/testServer.js';
import { friendsWithConversation, type TestUser } from './support/users.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-files-shared-'));
const filesDir = path.join(root, 'shared-files');
let store: TestStore;
const servers: { url: string; server: ImkitServer }[] = [];

beforeAll(async () => {
  store = await createTestStore();
  for (const name of ['a', 'b']) {
    const server = await createServer({
      // Each process has its own data folder; only the files folder is shared.
      dataDir: path.join(root, name),
      filesDir,
      jwtSecret: TEST_JWT_SECRET,
      logLevel: 'silent',
      rateLimitScale: 100,
      ...store.config,
    });
    servers.push({ url: await server.listen(0, '127.0.0.1'), server });
  }
});
afterAll(async () => {
  for (const { server } of servers) await server.close();
  await store.drop();
  fs.rmSync(root, { recursive: true, force: true });
});
afterEach(() => {
  expect(takeFileViolations()).toEqual([]);
});

/** The same user logged in on another server. */
async function on(url: string, user: TestUser) {
  const client = createImkitClient({ baseUrl: url, fetch: fileCheckingFetch });
  await client.login({ body: { login: user.username, password: user.password } });
  return client;
}

describe('files with several server processes', () => {
  it('uploads through one server and downloads through another from the shared folder', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const { alice, bob, conversationId } = await friendsWithConversation(a.url);
    const aliceOnA = await on(a.url, alice);
    const file = await uploadFileFromPath(aliceOnA, writeTemp('summit.png', PNG));
    expect(fs.readdirSync(filesDir)).toEqual([file.id]);
    await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'image', file_id: file.id },
      },
    });
    const bobOnB = await on(b.url, bob);
    const download = await openFileDownload(bobOnB, file.id);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(Buffer.from(chunk as Buffer));
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
    // Deleted through B, gone for A too.
    const aliceOnB = await on(b.url, alice);
    await aliceOnB.deleteFile({ path: { file_id: file.id } });
    expect(fs.readdirSync(filesDir)).toEqual([]);
    await expect(openFileDownload(aliceOnA, file.id)).rejects.toMatchObject({
      status: 410,
      code: 'file.expired',
    });
  });
});
