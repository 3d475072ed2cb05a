import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImkitServer, ServerConfig } from '@imkit/reference-server';

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * Settings of the reference server that replace the test defaults (an in-memory SQLite
   * database, a fresh JWT secret, silent logs, rate limits times 100). For example
   * `{ rateLimitScale: 1 }` to test against the spec's own limits.
   */
  config?: Partial<ServerConfig>;
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default: 0. */
  port?: number;
}

/** A running reference server for one test suite; see {@link startTestServer}. */
export interface TestServer {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:53211`; pass it to `createImkitClient`. */
  url: string;
  /** The WebSocket URL of the realtime endpoint (operation `connectRealtime`). */
  realtimeUrl: string;
  /** The server itself, for tests that need its services. */
  server: ImkitServer;
  /** Stops the server and deletes its data (database and uploaded files). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Multiplies every operation's rate limit in a test server, so a suite that registers many
 * users from 127.0.0.1 does not trip the spec's per-address limits.
 */
const TEST_RATE_LIMIT_SCALE = 100;

/**
 * Starts the real imkit reference server in this process, on an in-memory SQLite database and a
 * free port, so a test suite drives real behaviour (register, befriend, send, receive over the
 * socket) with no setup. Unlike the Prism mock (examples only) and the MSW handlers, it keeps
 * state and enforces every rule of the spec.
 * The server package is loaded on the first call only, so importing this module costs nothing.
 * @example
 * ```ts
 * const s = await startTestServer();
 * const alice = createImkitClient({ baseUrl: s.url });
 * // ...
 * await s.close();
 * ```
 * @throws Error when the server cannot start (the port is taken, the database cannot open).
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { createServer } = await import('@imkit/reference-server');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'imkit-test-server-'));
  let server: ImkitServer;
  try {
    server = await createServer({
      dataDir,
      databaseFile: ':memory:',
      filesDir: path.join(dataDir, 'files'),
      jwtSecret: randomBytes(32).toString('base64url'),
      logLevel: 'silent',
      rateLimitScale: TEST_RATE_LIMIT_SCALE,
      ...options.config,
    });
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  let closed: Promise<void> | undefined;
  return {
    url,
    realtimeUrl: `${url.replace(/^http/, 'ws')}/realtime`,
    server,
    close() {
      closed ??= (async () => {
        await server.close();
        await fs.rm(dataDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
