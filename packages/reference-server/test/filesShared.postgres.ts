// Two servers (in one test process) on one PostgreSQL database, one Redis prefix and one shared
// files folder (`filesDir`, a network volume in a real deployment): an upload through one is a
// download through the other. Runs under `npm run test:postgres` only.
import fs from 'node:fs';
import path from 'node:path';
import {
  createImkitClient,
  newClientMessageId,
  openFileDownload,
  uploadFileFromPath,
} from '@imkit/sdk';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileCheckingFetch, takeFileViolations } from './support/fileContractCheck.js';
import { PNG, writeTemp } from './support/fileSamples.js';
import { type ClusterServer, serverClusters } from './support/serverCluster.js';
import { friendsWithConversation, type TestUser } from './support/users.js';

const clusters = serverClusters();
const filesDir = path.join(clusters.root, 'shared-files');
let servers: ClusterServer[] = [];
beforeAll(async () => {
  // Each process has its own data folder; only the files folder is shared.
  servers = await clusters.start(2, { filesDir });
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
