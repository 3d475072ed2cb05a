import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  downloadFileToPath,
  type ImkitClient,
  newClientMessageId,
  openFileDownload,
  uploadFileFromPath,
} from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishFileUrl } from '../src/domain/filePublication.js';
import { failure } from './support/expectCode.js';
import { fileCheckingFetch, fileClient, takeFileViolations } from './support/fileContractCheck.js';
import { ELF, etagOf, mp3, multipart, PNG, webm, writeTemp } from './support/fileSamples.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => {
  expect(takeFileViolations()).toEqual([]);
});

/** A user with a client whose downloads are checked against the spec without being buffered. */
async function withFiles(user: TestUser): Promise<TestUser & { files: ImkitClient }> {
  return { ...user, files: await fileClient(t.url, user) };
}

/** Alice and Bob (friends, a direct conversation) and Carol, an outsider. */
async function people() {
  const pair = await friendsWithConversation(t.url);
  const carol = await registerUser(t.url, 'carol');
  return {
    alice: await withFiles(pair.alice),
    bob: await withFiles(pair.bob),
    carol: await withFiles(carol),
    conversationId: pair.conversationId,
  };
}

/** Sends a hand-built multipart upload (through the contract-checking fetch). */
async function rawUpload(user: TestUser, form: { body: Buffer; contentType: string }) {
  const response = await fileCheckingFetch(`${t.url}/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await user.client.getAccessToken()}`,
      'content-type': form.contentType,
    },
    body: new Uint8Array(form.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Downloads with raw headers; returns status, headers and the bytes. */
async function rawDownload(user: TestUser, fileId: string, headers: Record<string, string> = {}) {
  const response = await fileCheckingFetch(`${t.url}/files/${fileId}/content`, {
    headers: { authorization: `Bearer ${await user.client.getAccessToken()}`, ...headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function sendImage(user: TestUser, conversationId: string, fileId: string) {
  return user.client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: newClientMessageId(), content: { type: 'image', file_id: fileId } },
  });
}

describe('uploadFile stores what was sent, typed from the bytes', () => {
  it('streams a file from disk through the SDK and describes it', async () => {
    const { alice } = await people();
    const before = Date.now();
    const file = await uploadFileFromPath(alice.files, writeTemp('summit.png', PNG));
    expect(file).toMatchObject({
      name: 'summit.png',
      size: PNG.length,
      content_type: 'image/png',
      file_type: 'image',
      etag: etagOf(PNG),
      owner_id: alice.user.id,
      conversation_id: null,
      url: `${t.url}/files/${file.id}/content`,
    });
    // Unsent uploads expire after the server's unsentFileTtlMs (24 hours by default).
    const ttl = Date.parse(file.expires_at!) - Date.parse(file.created_at);
    expect(ttl).toBe(24 * 3600 * 1000);
    expect(Date.parse(file.created_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(await alice.files.getFile({ path: { file_id: file.id } })).toEqual(file);
    const page = await alice.files.listFiles({});
    expect(page.items).toEqual([file]);
  });

  it('ignores the content type the client claims and sniffs it instead', async () => {
    const { alice } = await people();
    const claimed = await rawUpload(
      alice,
      multipart([{ name: 'file', value: PNG, fileName: 'x.html', type: 'text/html' }]),
    );
    expect(claimed.status).toBe(201);
    expect([claimed.body.content_type, claimed.body.file_type]).toEqual(['image/png', 'image']);
    const text = await rawUpload(
      alice,
      multipart([
        { name: 'file', value: 'héllo, <b>world</b>\n', fileName: 'a.png', type: 'image/png' },
      ]),
    );
    expect([text.body.content_type, text.body.file_type]).toEqual([
      'text/plain; charset=utf-8',
      'document',
    ]);
    const binary = await rawUpload(
      alice,
      multipart([{ name: 'file', value: Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), fileName: 'b' }]),
    );
    expect([binary.body.content_type, binary.body.file_type]).toEqual([
      'application/octet-stream',
      'other',
    ]);
    const sound = await uploadFileFromPath(alice.files, writeTemp('take.mp3', mp3()));
    const clip = await uploadFileFromPath(alice.files, writeTemp('clip.webm', webm()));
    expect([sound.file_type, sound.content_type, clip.file_type, clip.content_type]).toEqual([
      'audio',
      'audio/mpeg',
      'video',
      'video/webm',
    ]);
  });

  it('keeps a safe name: no path, no control characters, a default when empty', async () => {
    const { alice } = await people();
    const cases: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['C:\\Users\\me\\report.txt', 'report.txt'],
      ['evil\u202egnp.exe', 'evilgnp.exe'],
      ['...', 'file.png'],
    ];
    for (const [sent, kept] of cases) {
      const answer = await rawUpload(
        alice,
        multipart([{ name: 'file', value: PNG, fileName: sent }]),
      );
      expect([sent, answer.body.name]).toEqual([sent, kept]);
    }
  });

  it('refuses executables, a missing file part, bad fields and a body that is not multipart', async () => {
    const { alice, carol, conversationId } = await people();
    const elf = await rawUpload(alice, multipart([{ name: 'file', value: ELF, fileName: 'tool' }]));
    expect([elf.status, elf.body.code, elf.body.errors[0].pointer]).toEqual([
      422,
      'file.type_not_allowed',
      '/body/file',
    ]);
    const script = await rawUpload(
      alice,
      multipart([{ name: 'file', value: '#!/bin/sh\nrm -rf ~\n', fileName: 'run.txt' }]),
    );
    expect(script.body.code).toBe('file.type_not_allowed');
    const missing = await rawUpload(alice, multipart([{ name: 'note', value: 'hi' }]));
    expect([missing.status, missing.body.code, missing.body.errors[0].pointer]).toEqual([
      422,
      'validation.failed',
      '/body/file',
    ]);
    const expiry = await rawUpload(
      alice,
      multipart([
        { name: 'file', value: PNG, fileName: 'a.png' },
        { name: 'expires_in_seconds', value: '60' },
      ]),
    );
    expect([expiry.status, expiry.body.errors[0].pointer]).toEqual([
      422,
      '/body/expires_in_seconds',
    ]);
    // Carol is not in Alice and Bob's conversation: she cannot upload for it.
    const foreign = await rawUpload(
      carol,
      multipart([
        { name: 'file', value: PNG, fileName: 'a.png' },
        { name: 'conversation_id', value: conversationId },
      ]),
    );
    expect([foreign.status, foreign.body.errors[0].pointer]).toEqual([
      422,
      '/body/conversation_id',
    ]);
    const json = await fileCheckingFetch(`${t.url}/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await alice.client.getAccessToken()}`,
        'content-type': 'application/json',
      },
      body: '{"file":"x"}',
    });
    expect([json.status, ((await json.json()) as { code: string }).code]).toEqual([
      400,
      'request.malformed',
    ]);
    // Nothing refused was kept.
    expect((await alice.files.listFiles({})).items).toEqual([]);
    expect((await carol.files.listFiles({})).items).toEqual([]);
  });

  it('honours expires_in_seconds and pages the list newest first', async () => {
    const { alice } = await people();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await rawUpload(
        alice,
        multipart([
          { name: 'file', value: PNG, fileName: `p${i}.png` },
          { name: 'expires_in_seconds', value: '7200' },
        ]),
      );
      expect(Date.parse(answer.body.expires_at) - Date.parse(answer.body.created_at)).toBe(
        7200 * 1000,
      );
      ids.push(answer.body.id);
    }
    const first = await alice.files.listFiles({ query: { limit: 2 } });
    expect(first.items.map((f) => f.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const second = await alice.files.listFiles({
      query: { limit: 2, after: first.next_cursor! },
    });
    expect([second.items.map((f) => f.id), second.has_more]).toEqual([[ids[0]], false]);
  });
});

describe('downloadFile', () => {
  it('streams the bytes with the sniffed type, ETag, nosniff and an inline image disposition', async () => {
    const { alice } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('summit.png', PNG));
    const answer = await rawDownload(alice, file.id);
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(PNG)).toBe(true);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('etag')).toBe(file.etag);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('accept-ranges')).toBe('bytes');
    expect(answer.headers.get('content-disposition')).toBe('inline; filename="summit.png"');
    const sdk = await openFileDownload(alice.files, file.id);
    expect([sdk.status, sdk.fileName, sdk.etag]).toEqual([200, 'summit.png', file.etag]);
    expect((await readAll(sdk.body)).equals(PNG)).toBe(true);
  });

  it('sends anything but an image as an attachment with an RFC 5987 file name', async () => {
    const { alice } = await people();
    const name = 'Résumé – 2026 (final).txt';
    const upload = await rawUpload(
      alice,
      multipart([{ name: 'file', value: 'plain text', fileName: name }]),
    );
    const answer = await rawDownload(alice, upload.body.id);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const disposition = answer.headers.get('content-disposition')!;
    expect(disposition.startsWith('attachment; filename="Resume _ 2026 (final).txt"')).toBe(true);
    const extended = /filename\*=UTF-8''([^;]+)$/.exec(disposition);
    expect(decodeURIComponent(extended![1]!)).toBe(name);
    const sdk = await openFileDownload(alice.files, upload.body.id);
    expect(sdk.fileName).toBe(name);
    await readAll(sdk.body);
  });

  it('answers 304 to a matching If-None-Match, and 200 to another', async () => {
    const { alice } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('a.png', PNG));
    const same = await rawDownload(alice, file.id, { 'if-none-match': file.etag });
    expect([same.status, same.bytes.length, same.headers.get('etag')]).toEqual([304, 0, file.etag]);
    const listed = await rawDownload(alice, file.id, { 'if-none-match': `"x", W/${file.etag}` });
    expect(listed.status).toBe(304);
    const other = await rawDownload(alice, file.id, { 'if-none-match': '"other"' });
    expect([other.status, other.bytes.equals(PNG)]).toEqual([200, true]);
    const sdk = await openFileDownload(alice.files, file.id, { ifNoneMatch: file.etag });
    expect(sdk.status).toBe(304);
  });

  it('serves byte ranges of audio and video (206) and refuses one past the end (416)', async () => {
    const { alice } = await people();
    const video = webm(10_000);
    const clip = await uploadFileFromPath(alice.files, writeTemp('clip.webm', video));
    const middle = await rawDownload(alice, clip.id, { range: 'bytes=100-1099' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 100-1099/10000');
    expect(middle.bytes.equals(video.subarray(100, 1100))).toBe(true);
    const open = await rawDownload(alice, clip.id, { range: 'bytes=9000-' });
    expect([open.headers.get('content-range'), open.bytes.equals(video.subarray(9000))]).toEqual([
      'bytes 9000-9999/10000',
      true,
    ]);
    const suffix = await rawDownload(alice, clip.id, { range: 'bytes=-500' });
    expect(suffix.bytes.equals(video.subarray(9500))).toBe(true);
    const clamped = await rawDownload(alice, clip.id, { range: 'bytes=9990-20000' });
    expect(clamped.headers.get('content-range')).toBe('bytes 9990-9999/10000');
    const past = await rawDownload(alice, clip.id, { range: 'bytes=10000-' });
    expect([
      past.status,
      past.headers.get('content-range'),
      past.headers.get('content-type'),
      past.bytes.length,
    ]).toEqual([416, 'bytes */10000', null, 0]);
    // A stale If-Range gets the whole file; a current one gets the range.
    const stale = await rawDownload(alice, clip.id, { range: 'bytes=0-9', 'if-range': '"old"' });
    expect([stale.status, stale.bytes.length]).toEqual([200, 10_000]);
    const current = await rawDownload(alice, clip.id, {
      range: 'bytes=0-9',
      'if-range': clip.etag,
    });
    expect([current.status, current.bytes.length]).toEqual([206, 10]);
    const sound = mp3(3000);
    const take = await uploadFileFromPath(alice.files, writeTemp('take.mp3', sound));
    const sdk = await openFileDownload(alice.files, take.id, { range: { start: 1000, end: 1999 } });
    expect([sdk.status, sdk.contentRange]).toEqual([206, 'bytes 1000-1999/3000']);
    expect((await readAll(sdk.body)).equals(sound.subarray(1000, 2000))).toBe(true);
    const refused = await failure(
      openFileDownload(alice.files, take.id, { range: { start: 5000 } }),
    );
    expect(refused.status).toBe(416);
  });

  it('writes to a path through the SDK, refusing to overwrite unless asked', async () => {
    const { alice } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('a.png', PNG));
    const target = path.join(path.dirname(writeTemp('x', Buffer.alloc(0))), 'copy.png');
    const done = await downloadFileToPath(alice.files, file.id, target);
    expect([done.bytes, done.fileName]).toEqual([PNG.length, 'a.png']);
    expect(fs.readFileSync(target).equals(PNG)).toBe(true);
    await expect(downloadFileToPath(alice.files, file.id, target)).rejects.toMatchObject({
      code: 'EEXIST',
    });
    fs.writeFileSync(target, 'old');
    await downloadFileToPath(alice.files, file.id, target, { overwrite: true });
    expect(fs.readFileSync(target).equals(PNG)).toBe(true);
  });
});

describe('who may read a file', () => {
  it('is the uploader, and members of a conversation it was sent in; others get 404', async () => {
    const { alice, bob, carol, conversationId } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('a.png', PNG));
    for (const user of [bob, carol]) {
      expect(await failure(user.files.getFile({ path: { file_id: file.id } }))).toEqual({
        status: 404,
        code: 'file.not_found',
      });
      expect(await failure(openFileDownload(user.files, file.id))).toEqual({
        status: 404,
        code: 'file.not_found',
      });
    }
    await sendImage(alice, conversationId, file.id);
    const seen = await bob.files.getFile({ path: { file_id: file.id } });
    // Sent files no longer expire.
    expect([seen.id, seen.expires_at]).toEqual([file.id, null]);
    expect((await rawDownload(bob, file.id)).bytes.equals(PNG)).toBe(true);
    expect((await failure(openFileDownload(carol.files, file.id))).code).toBe('file.not_found');
    // An unknown id looks the same as a file one may not read.
    expect(await failure(openFileDownload(carol.files, 'no-such-file'))).toEqual({
      status: 404,
      code: 'file.not_found',
    });
  });

  it('includes the members of the conversation named at upload, before it is sent', async () => {
    const { alice, bob, carol, conversationId } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('a.png', PNG), {
      conversationId,
    });
    expect(file.conversation_id).toBe(conversationId);
    expect((await rawDownload(bob, file.id)).status).toBe(200);
    expect((await rawDownload(carol, file.id)).status).toBe(404);
  });

  it('needs a token', async () => {
    const { alice } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('a.png', PNG));
    const anonymous = await fileCheckingFetch(`${t.url}/files/${file.id}/content`);
    expect(anonymous.status).toBe(401);
    await anonymous.text();
  });
});

describe('deleteFile', () => {
  it('lets only the uploader delete; the message stays and its content answers 410', async () => {
    const { alice, bob, carol, conversationId } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('a.png', PNG));
    const message = await sendImage(alice, conversationId, file.id);
    expect(await failure(bob.files.deleteFile({ path: { file_id: file.id } }))).toEqual({
      status: 403,
      code: 'file.not_owner',
    });
    expect(await failure(carol.files.deleteFile({ path: { file_id: file.id } }))).toEqual({
      status: 404,
      code: 'file.not_found',
    });
    expect((await rawDownload(bob, file.id)).status).toBe(200);
    await alice.files.deleteFile({ path: { file_id: file.id } });
    for (const user of [alice, bob]) {
      expect(await failure(openFileDownload(user.files, file.id))).toEqual({
        status: 410,
        code: 'file.expired',
      });
    }
    const info = await bob.files.getFile({ path: { file_id: file.id } });
    expect(Date.parse(info.expires_at!)).toBeLessThanOrEqual(Date.now());
    expect((await alice.files.listFiles({})).items).toEqual([]);
    const history = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(history.items.map((m) => m.id)).toEqual([message.id]);
    // Deleting again changes nothing.
    await alice.files.deleteFile({ path: { file_id: file.id } });
  });
});

describe('files published as avatars (publishFileUrl, for updateMe and groups)', () => {
  it('are readable by every signed-in user and no longer expire; only the owner can publish', async () => {
    const { alice, carol } = await people();
    const file = await uploadFileFromPath(alice.files, writeTemp('me.png', PNG));
    const { db } = t.server.services;
    expect(await publishFileUrl(db, file.url, carol.user.id)).toBeUndefined();
    expect(await publishFileUrl(db, 'https://example.com/me.png', alice.user.id)).toBeUndefined();
    expect((await rawDownload(carol, file.id)).status).toBe(404);
    const published = await publishFileUrl(db, file.url, alice.user.id);
    expect(published?.id).toBe(file.id);
    expect((await rawDownload(carol, file.id)).bytes.equals(PNG)).toBe(true);
    expect((await carol.files.getFile({ path: { file_id: file.id } })).expires_at).toBeNull();
  });

  it('publishes what updateMe, createGroup and updateGroup are given as avatar_url', async () => {
    const { alice, bob, carol } = await people();
    const upload = async (name: string) => uploadFileFromPath(alice.files, writeTemp(name, PNG));
    const [mine, created, updated] = [
      await upload('me.png'),
      await upload('g1.png'),
      await upload('g2.png'),
    ];
    for (const file of [mine, created, updated]) {
      expect((await rawDownload(carol, file.id)).status).toBe(404);
    }
    await alice.client.updateMe({ body: { avatar_url: mine.url } });
    const group = await alice.client.createGroup({
      body: { name: 'Avatars', member_ids: [bob.user.id], avatar_url: created.url },
    });
    await alice.client.updateGroup({
      path: { group_id: group.id },
      body: { avatar_url: updated.url },
    });
    for (const file of [mine, created, updated]) {
      expect((await rawDownload(carol, file.id)).status).toBe(200);
      expect((await carol.files.getFile({ path: { file_id: file.id } })).expires_at).toBeNull();
    }
  });
});

describe('file URLs', () => {
  it('are built on IMKIT_PUBLIC_URL when set, whatever Host the uploading client sent', async () => {
    const s = await startTestServer({ publicUrl: 'https://chat.example.com' });
    try {
      const alice = await registerUser(s.url, 'alice');
      const form = multipart([{ name: 'file', value: PNG, fileName: 'a.png', type: 'image/png' }]);
      const token = await alice.client.getAccessToken();
      // node:http, as fetch does not let a client choose its Host header.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${s.url}/files`, {
          method: 'POST',
          headers: {
            host: 'attacker.example',
            authorization: `Bearer ${token}`,
            'content-type': form.contentType,
            'content-length': form.body.length,
          },
        });
        request.on('response', (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('error', reject);
        request.end(form.body);
      });
      const file = JSON.parse(answer.body) as { id: string; url: string };
      expect([answer.status, file.url]).toEqual([
        201,
        `https://chat.example.com/files/${file.id}/content`,
      ]);
    } finally {
      await s.close();
    }
  });
});
