import { randomBytes } from 'node:crypto';
import type { ServerConfig } from '@imkit/reference-server';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The storage the end-to-end suite runs on: SQLite (default, `npm test`) or PostgreSQL +
 * Redis (`IMKIT_TEST_BACKEND=postgres`, `npm run test:postgres`). Connection settings come from
 * `IMKIT_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`, used to
 * create and drop databases) and `IMKIT_TEST_REDIS_URL` (default `redis://127.0.0.1:6379`).
 */
export const testBackend: 'sqlite' | 'postgres' =
  process.env.IMKIT_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

const adminUrl =
  process.env.IMKIT_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.IMKIT_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A database and Redis key prefix of this run's own, removed by `drop`. */
export interface TestStore {
  /** Server configuration fields that point a server at it (empty on SQLite). */
  config: Partial<ServerConfig>;
  /** The same as environment variables, for server processes. */
  env: Record<string, string>;
  /** Drops the database and deletes every Redis key under the prefix. */
  drop(): Promise<void>;
}

/** The URL of database `name` on the test PostgreSQL server. */
function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the test PostgreSQL server's maintenance database. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database of its own on the test PostgreSQL server. */
export interface TestDatabase {
  /** Its connection URL, for `IMKIT_DATABASE_URL`. */
  url: string;
  /** Drops it, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/**
 * Creates the empty database `name` (an SQL identifier, not quoted: lower-case letters, digits
 * and `_`) on the test PostgreSQL server. Rejects as `pg` does, e.g. when the name is taken or
 * the server is unreachable.
 */
export async function createTestDatabase(name: string): Promise<TestDatabase> {
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: databaseUrl(name),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Creates a fresh store for one test server (or a group of server processes sharing it): on
 * PostgreSQL a new database `imkit_test_<random>` and a Redis key prefix; on SQLite nothing
 * (the server's data folder holds its file).
 */
export async function createTestStore(): Promise<TestStore> {
  if (testBackend === 'sqlite') return { config: {}, env: {}, drop: async () => {} };
  const id = randomBytes(6).toString('hex');
  const prefix = `imkit-test:${id}:`;
  const database = await createTestDatabase(`imkit_test_${id}`);
  const url = database.url;
  return {
    config: { databaseUrl: url, databasePoolSize: 5, redisUrl, redisKeyPrefix: prefix },
    env: {
      IMKIT_DATABASE_URL: url,
      IMKIT_DATABASE_POOL_SIZE: '5',
      IMKIT_REDIS_URL: redisUrl,
      IMKIT_REDIS_KEY_PREFIX: prefix,
    },
    async drop() {
      await database.drop();
      await deleteKeys(prefix);
    },
  };
}
