import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { checkResponse } from './support/contractCheck.js';
import { authenticatedRealtime } from './support/rawRealtime.js';
import { type ServerProcess, startServerProcess } from './support/serverProcess.js';
import { createTestStore } from './support/testBackend.js';
import { TEST_JWT_SECRET } from './support/testServer.js';
import { registerUser } from './support/users.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-shutdown-'));
const store = await createTestStore();
afterAll(async () => {
  await store.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What a request sent by hand, one half of its body at a time, got back. */
interface SlowAnswer {
  status: number;
  connection: string | undefined;
  body: unknown;
}

/**
 * Starts `POST <path>` with a JSON body and `Expect: 100-continue`, and resolves once the server
 * answered `100 Continue` (it dispatched the request) and got the first half of the body;
 * `finish()` sends the rest and resolves with the answer. The request is in flight in between.
 */
async function startSlowPost(url: string, pathname: string, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  const half = Math.floor(bytes.length / 2);
  const request = http.request(`${url}${pathname}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': bytes.length,
      expect: '100-continue',
    },
  });
  const answer = new Promise<SlowAnswer>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          body: JSON.parse(text),
        }),
      );
    });
  });
  await new Promise((resolve) => request.once('continue', resolve));
  request.write(bytes.subarray(0, half));
  return {
    finish(): Promise<SlowAnswer> {
      request.end(bytes.subarray(half));
      return answer;
    },
  };
}

/** Everything the process writes on stdout from now on (pino's JSON lines). */
function captureLog(server: ServerProcess): () => string {
  let log = '';
  server.child.stdout!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  return () => log;
}

describe('graceful shutdown (SIGTERM)', () => {
  it('refuses new connections, finishes the request in flight, closes sockets with 1012 and exits 0', async () => {
    const server = await startServerProcess(dataDir, {
      ...store.env,
      IMKIT_JWT_SECRET: TEST_JWT_SECRET,
      IMKIT_SHUTDOWN_GRACE_MS: '10000',
    });
    const log = captureLog(server);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const alice = await registerUser(server.url, 'shutdown');
    const token = (await alice.client.getAccessToken())!;
    const socket = await authenticatedRealtime(server.url, token);
    const sdkRealtime = alice.client.realtime({ reconnect: { initialDelayMs: 60_000 } });
    const reconnecting: number[] = [];
    sdkRealtime.on('reconnecting', ({ attempt }) => reconnecting.push(attempt));
    await sdkRealtime.connect();
    const login = await startSlowPost(server.url, '/auth/login', {
      login: alice.username,
      password: alice.password,
    });

    server.child.kill('SIGTERM');
    await waitFor(() => log().includes('shutting down'), 5000, 'the "shutting down" log line');
    expect(log()).toContain('"in_flight":1');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    const answer = await login.finish();
    expect(answer.status).toBe(200);
    expect(answer.connection).toBe('close');
    expect(
      checkResponse('POST', `${server.url}/auth/login`, 200, 'application/json', answer.body),
    ).toEqual([]);

    const closed = await Promise.race([
      socket.closed,
      new Promise<undefined>((resolve) => setTimeout(resolve, 5000)),
    ]);
    expect(closed?.code).toBe(1012);
    await waitFor(() => reconnecting.length > 0, 5000, 'the SDK client to start reconnecting');
    expect(sdkRealtime.state).toBe('reconnecting');
    sdkRealtime.close();
    const code = await Promise.race([
      exited,
      new Promise<string>((resolve) =>
        setTimeout(() => resolve('still running after 10 s'), 10_000),
      ),
    ]);
    expect(code).toBe(0);
  });
});
