import fs from 'node:fs';
import path from 'node:path';
import { newClientMessageId, openFileDownload, uploadFileFromPath } from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { fileClient, takeFileViolations } from './support/fileContractCheck.js';
import { PNG, writeTemp } from './support/fileSamples.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation } from './support/users.js';

/** Unsent uploads of this server expire after this many ms. */
const TTL_MS = 400;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ unsentFileTtlMs: TTL_MS });
});
afterAll(() => t.close());
afterEach(() => {
  expect(takeFileViolations()).toEqual([]);
});

/** Polls `check` every 50 ms until it returns a value, at most `attempts` times. */
async function eventually<T>(check: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the condition never held');
}

describe('unsent uploads expire and are swept', () => {
  it('answers 410 once expired, then forgets the file and its bytes; sent files stay', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    const files = await fileClient(t.url, alice);
    const unsent = await uploadFileFromPath(files, writeTemp('unsent.png', PNG));
    const sent = await uploadFileFromPath(files, writeTemp('sent.png', PNG));
    expect(Date.parse(unsent.expires_at!) - Date.parse(unsent.created_at)).toBe(TTL_MS);
    await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'image', file_id: sent.id },
      },
    });
    // First the content is gone (410), then the sweep forgets the file (404).
    const firstRefusal = await eventually(async () => {
      const answer = await openFileDownload(files, unsent.id).then(
        (download) => {
          download.body.resume();
          return undefined;
        },
        (error: { status: number; code: string }) => error,
      );
      return answer && { status: answer.status, code: answer.code };
    });
    expect(firstRefusal).toEqual({ status: 410, code: 'file.expired' });
    await eventually(() =>
      files.getFile({ path: { file_id: unsent.id } }).then(
        () => undefined,
        (error: { status: number }) => (error.status === 404 ? true : undefined),
      ),
    );
    expect(fs.existsSync(path.join(t.dataDir, 'files', unsent.id))).toBe(false);
    expect((await files.listFiles({})).items.map((f) => f.id)).toEqual([sent.id]);
    // An expired upload cannot be sent any more.
    const late = await failure(
      alice.client.sendMessage({
        path: { conversation_id: conversationId },
        body: {
          client_message_id: newClientMessageId(),
          content: { type: 'image', file_id: unsent.id },
        },
      }),
    );
    expect(late).toEqual({ status: 422, code: 'file.not_found' });
    // The sent file outlived several sweeps and still downloads, for Bob too.
    const bobFiles = await fileClient(t.url, bob);
    const download = await openFileDownload(bobFiles, sent.id);
    expect(download.status).toBe(200);
    download.body.resume();
    expect((await bobFiles.getFile({ path: { file_id: sent.id } })).expires_at).toBeNull();
  });

  it('removes temporary uploads abandoned for an hour, not fresh ones', async () => {
    const dir = path.join(t.dataDir, 'files');
    const abandoned = path.join(dir, '.upload-abandoned');
    const fresh = path.join(dir, '.upload-in-progress');
    fs.writeFileSync(abandoned, 'half a file');
    fs.writeFileSync(fresh, 'still coming');
    const hourAgo = new Date(Date.now() - 3600 * 1000 - 60_000);
    fs.utimesSync(abandoned, hourAgo, hourAgo);
    await eventually(async () => (fs.existsSync(abandoned) ? undefined : true));
    expect(fs.existsSync(fresh)).toBe(true);
    fs.rmSync(fresh);
  });
});
