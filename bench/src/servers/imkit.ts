// The imkit reference server as a bench child. Configuration from the environment:
// IMKIT_BENCH_DATA_DIR (required), IMKIT_SQLITE_SYNCHRONOUS (FULL or NORMAL).
import path from 'node:path';
import { createServer } from '@imkit/reference-server';
import { serve } from './serve.js';

await serve(async () => {
  const dataDir = process.env.IMKIT_BENCH_DATA_DIR as string;
  const server = await createServer({
    dataDir,
    databaseFile: path.join(dataDir, 'imkit.sqlite'),
    sqliteSynchronous: process.env.IMKIT_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    jwtSecret: 'bench-secret-that-is-long-enough-for-hs256!!',
    logLevel: process.env.IMKIT_BENCH_LOG_LEVEL ?? 'silent',
    // Load tests: the spec's per-operation limits (e.g. 30 sends / 10 s) would refuse them.
    rateLimitPerMinute: 1_000_000_000,
    rateLimitScale: 1_000_000,
    accessTokenTtlSeconds: 3600,
  });
  const url = await server.listen(0, '127.0.0.1');
  return { url, close: () => server.close() };
});
