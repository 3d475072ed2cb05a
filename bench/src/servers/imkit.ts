// The imkit reference server as a bench child. Configuration from the environment:
// IMKIT_BENCH_DATA_DIR (required: the SQLite file, or nothing on PostgreSQL),
// IMKIT_SQLITE_SYNCHRONOUS (FULL or NORMAL); on PostgreSQL + Redis, as the server's own
// variables: IMKIT_DATABASE_URL, IMKIT_DATABASE_POOL_SIZE (default: the server's, 10),
// IMKIT_REDIS_URL, IMKIT_REDIS_KEY_PREFIX. IMKIT_BENCH_LOG_LEVEL (default silent).
import path from 'node:path';
import { createServer } from '@imkit/reference-server';
import { countRequests } from './requestCounter.js';
import { serve } from './serve.js';

await serve(async () => {
  const dataDir = process.env.IMKIT_BENCH_DATA_DIR as string;
  const env = process.env;
  const server = await createServer({
    dataDir,
    databaseFile: path.join(dataDir, 'imkit.sqlite'),
    sqliteSynchronous: env.IMKIT_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    ...(env.IMKIT_DATABASE_URL ? { databaseUrl: env.IMKIT_DATABASE_URL } : {}),
    ...(env.IMKIT_DATABASE_POOL_SIZE
      ? { databasePoolSize: Number(env.IMKIT_DATABASE_POOL_SIZE) }
      : {}),
    ...(env.IMKIT_REDIS_URL
      ? { redisUrl: env.IMKIT_REDIS_URL, redisKeyPrefix: env.IMKIT_REDIS_KEY_PREFIX as string }
      : {}),
    // Every process must sign with the same secret (required with Redis).
    jwtSecret: 'bench-secret-that-is-long-enough-for-hs256!!',
    logLevel: env.IMKIT_BENCH_LOG_LEVEL ?? 'silent',
    // Load tests: the spec's per-operation limits (e.g. 30 sends / 10 s) would refuse them.
    rateLimitPerMinute: 1_000_000_000,
    rateLimitScale: 1_000_000,
    accessTokenTtlSeconds: 3600,
  });
  const requests = countRequests(server.http);
  const url = await server.listen(0, '127.0.0.1');
  return { url, close: () => server.close(), requests };
});
