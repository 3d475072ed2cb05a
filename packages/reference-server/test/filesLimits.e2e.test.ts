import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { uploadFileFromPath } from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse } from './support/contractCheck.js';
import { fileClient, takeFileViolations } from './support/fileContractCheck.js';
import { writeTemp } from './support/fileSamples.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { registerUser } from './support/users.js';

const MiB = 1024 * 1024;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => {
  expect(takeFileViolations()).toEqual([]);
});

/** A forced full garbage collection (V8's `gc`, exposed at run time). */
function collectGarbage(): (options?: { type: 'minor' | 'major' }) => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
}

/** Files in the server's file folder, temporary uploads included. */
function storedFiles(): string[] {
  const dir = path.join(t.dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

interface RefusedUpload {
  status: number;
  body: unknown;
  contentType: string;
  /** Bytes the client had handed to the socket when the answer arrived. */
  writtenWhenAnswered: number;
}

/**
 * Sends a multipart upload of `fileBytes` generated on the fly with `http.request`, writing only
 * as fast as the socket takes it, and stops writing once the answer arrives.
 * @param declareLength send `Content-Length` (else the body is chunked).
 */
function uploadGenerated(
  token: string,
  fileBytes: number,
  declareLength: boolean,
  checkpoint?: { every: number; run: () => Promise<void> },
): Promise<RefusedUpload> {
  const boundary = 'imkitLimitBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + fileBytes + tail.length;
  const url = new URL('/files', t.url);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const request = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(declareLength ? { 'content-length': String(total) } : {}),
      },
    });
    request.on('response', (response) => {
      answered = true;
      const writtenWhenAnswered = written;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: response.statusCode!,
          body: text ? JSON.parse(text) : undefined,
          contentType: String(response.headers['content-type']),
          writtenWhenAnswered,
        });
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sentFile = 0;
    const pump = () => {
      if (answered) return;
      if (written === 0) {
        request.write(head);
        written += head.length;
      }
      while (sentFile < fileBytes && !answered) {
        const piece = chunk.subarray(0, Math.min(chunk.length, fileBytes - sentFile));
        sentFile += piece.length;
        written += piece.length;
        const paused = checkpoint && sentFile % checkpoint.every === 0;
        if (!request.write(piece) || paused) {
          if (paused) void checkpoint.run().then(pump, reject);
          else request.once('drain', pump);
          return;
        }
      }
      if (!answered) {
        request.end(tail);
        written += tail.length;
      }
    };
    pump();
  });
}

describe('upload size limits (50 MiB)', () => {
  it('refuses a 60 MiB upload with a declared length before reading it', async () => {
    const alice = await registerUser(t.url, 'alice');
    const answer = await uploadGenerated((await alice.client.getAccessToken())!, 60 * MiB, true);
    expect(answer.status).toBe(413);
    expect((answer.body as { code: string }).code).toBe('file.too_large');
    expect(checkResponse('POST', `${t.url}/files`, 413, answer.contentType, answer.body)).toEqual(
      [],
    );
    // Most of the body was still unsent when the answer came.
    expect(answer.writtenWhenAnswered).toBeLessThan(30 * MiB);
    expect((await alice.client.listFiles({})).items).toEqual([]);
  });

  it('refuses a chunked upload as soon as it passes the limit, keeping nothing', async () => {
    const alice = await registerUser(t.url, 'alice');
    const answer = await uploadGenerated((await alice.client.getAccessToken())!, 200 * MiB, false);
    expect(answer.status).toBe(413);
    expect((answer.body as { code: string }).code).toBe('file.too_large');
    // The server stopped reading at the limit (plus what socket buffers hold).
    expect(answer.writtenWhenAnswered).toBeLessThan(100 * MiB);
    expect((await alice.client.listFiles({})).items).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it('streams a 40 MiB upload without holding it in memory', async () => {
    const alice = await registerUser(t.url, 'alice');
    const gc = collectGarbage();
    gc();
    const baseline = process.memoryUsage().arrayBuffers;
    const growth: number[] = [];
    // Every 8 MiB the client pauses: whatever the server kept of the body so far is still
    // reachable after a full collection.
    const answer = await uploadGenerated((await alice.client.getAccessToken())!, 40 * MiB, true, {
      every: 8 * MiB,
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        gc();
        growth.push(process.memoryUsage().arrayBuffers - baseline);
      },
    });
    expect([answer.status, (answer.body as { size: number }).size]).toEqual([201, 40 * MiB]);
    expect(checkResponse('POST', `${t.url}/files`, 201, answer.contentType, answer.body)).toEqual(
      [],
    );
    expect(growth).toHaveLength(5);
    expect(Math.max(...growth)).toBeLessThan(20 * MiB);
    const id = (answer.body as { id: string }).id;
    expect(fs.statSync(path.join(t.dataDir, 'files', id)).size).toBe(40 * MiB);
  });

  it('uploads 40 MiB from disk through the SDK', async () => {
    const alice = await registerUser(t.url, 'alice');
    const client = await fileClient(t.url, alice);
    const bytes = Buffer.alloc(40 * MiB);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    const source = writeTemp('big.bin', bytes);
    const file = await uploadFileFromPath(client, source);
    expect([file.size, file.content_type]).toEqual([40 * MiB, 'application/octet-stream']);
    const stored = fs.readFileSync(path.join(t.dataDir, 'files', file.id));
    expect(stored.equals(bytes)).toBe(true);
    fs.rmSync(path.dirname(source), { recursive: true, force: true });
  });

  it('keeps nothing of an upload the client abandons halfway', async () => {
    const alice = await registerUser(t.url, 'alice');
    const token = (await alice.client.getAccessToken())!;
    const boundary = 'imkitAbandoned';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`;
    const request = http.request(new URL('/files', t.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(10 * MiB),
      },
    });
    request.on('error', () => {});
    request.write(head);
    request.write(Buffer.alloc(2 * MiB, 0x63));
    // Wait until the server has started writing the temporary file, then hang up.
    for (let i = 0; i < 200 && !storedFiles().some((f) => f.startsWith('.upload-')); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(storedFiles().some((f) => f.startsWith('.upload-'))).toBe(true);
    request.destroy();
    const temporary = () => storedFiles().filter((f) => f.startsWith('.upload-'));
    for (let i = 0; i < 200 && temporary().length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(temporary()).toEqual([]);
    expect((await alice.client.listFiles({})).items).toEqual([]);
  });
});
