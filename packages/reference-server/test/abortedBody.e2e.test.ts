import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createServer, type ImkitServer } from '@imkit/reference-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { waitFor } from './support/collect.js';
import { rawRequest } from './support/rawRequest.js';
import { TEST_JWT_SECRET } from './support/testServer.js';

/** The server's log lines, parsed. */
const lines: Array<{ level: number; msg: string; err?: unknown; stack?: string }> = [];
let server: ImkitServer;
let url: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-test-'));
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  server = await createServer(
    { dataDir, databaseFile: path.join(dataDir, 'imkit.sqlite'), jwtSecret: TEST_JWT_SECRET },
    logger,
  );
  url = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a JSON POST that promises 100,000 bytes, sends a few, then resets the connection. */
function abortMidBody(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100000\r\n\r\n{"username":"abc',
      );
      setTimeout(() => {
        socket.resetAndDestroy();
        resolve();
      }, 100);
    });
    socket.on('error', () => {});
  });
}

describe('aborted request bodies (issue 6 #8)', () => {
  it('logs one short line, not an error with a stack trace, and keeps serving', async () => {
    const before = lines.length;
    const printed = vi.spyOn(console, 'error');
    await abortMidBody(Number(new URL(url).port));
    await waitFor(
      () => lines.slice(before).some((l) => /abort/i.test(l.msg)),
      5000,
      'the log line',
    );
    const logged = lines.slice(before);
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(JSON.stringify(logged)).not.toMatch(/\n\s+at /);
    expect(logged.filter((l) => /abort/i.test(l.msg))).toHaveLength(1);
    expect((await rawRequest(url, 'GET', '/health')).status).toBe(200);
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });
});
