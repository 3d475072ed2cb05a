import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ImkitServer, type ServerConfig } from '@imkit/reference-server';
import { createTestStore } from './testBackend.js';

/** A server on a random port with its own temporary database. */
export interface TestServer {
  url: string;
  server: ImkitServer;
  dataDir: string;
  close(): Promise<void>;
}

/** The HMAC secret test servers use, so tests can forge tokens (expired, wrong signature). */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!!';

/**
 * Every operation's `x-rate-limit` times this in test servers, so that tests of other behaviour
 * (which register many users and send bursts from 127.0.0.1) do not trip the spec's limits.
 * Tests of the limits themselves pass `{ rateLimitScale: 1 }`: the spec as written.
 */
export const TEST_RATE_LIMIT_SCALE = 100;

/**
 * Starts a real reference server on 127.0.0.1 and a free port with a fresh store: a new SQLite
 * file, or with `IMKIT_TEST_BACKEND=postgres` a new PostgreSQL database and Redis key prefix
 * (see `testBackend.ts`), removed by `close`.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-test-'));
  const store = await createTestStore();
  const server = await createServer({
    dataDir,
    databaseFile: path.join(dataDir, 'imkit.sqlite'),
    jwtSecret: TEST_JWT_SECRET,
    logLevel: 'silent',
    rateLimitScale: TEST_RATE_LIMIT_SCALE,
    ...store.config,
    ...overrides,
  });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    server,
    dataDir,
    async close() {
      await server.close();
      await store.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
