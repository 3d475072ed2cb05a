import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ImkitServer, type ServerConfig } from '@imkit/reference-server';
import { afterAll } from 'vitest';
import { createTestStore, type TestStore } from './testBackend.js';
import { TEST_JWT_SECRET, TEST_RATE_LIMIT_SCALE } from './testServer.js';

/** One server of a cluster, listening on 127.0.0.1. */
export interface ClusterServer {
  url: string;
  server: ImkitServer;
}

/**
 * Starts groups of servers that share one store (a fresh PostgreSQL database and Redis prefix
 * per group: what several server processes of one deployment share), each server with a data
 * folder of its own. Everything started is closed, and dropped, after the test file (`afterAll`,
 * registered here). For the `*.postgres.ts` tests.
 */
export function serverClusters(): {
  /** A temporary folder for the file's own use (shared volumes), removed with the rest. */
  root: string;
  /** Starts `count` servers on one new store, with `overrides` on top of the test settings. */
  start(count: number, overrides?: Partial<ServerConfig>): Promise<ClusterServer[]>;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-cluster-'));
  const started: ClusterServer[] = [];
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const { server } of started) await server.close();
    for (const store of stores) await store.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return {
    root,
    async start(count, overrides = {}) {
      const store = await createTestStore();
      stores.push(store);
      const servers: ClusterServer[] = [];
      for (let i = 0; i < count; i++) {
        const server = await createServer({
          dataDir: fs.mkdtempSync(path.join(root, 'server-')),
          jwtSecret: TEST_JWT_SECRET,
          logLevel: 'silent',
          rateLimitScale: TEST_RATE_LIMIT_SCALE,
          ...store.config,
          ...overrides,
        });
        const running = { url: await server.listen(0, '127.0.0.1'), server };
        started.push(running);
        servers.push(running);
      }
      return servers;
    },
  };
}
