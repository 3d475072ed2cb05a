import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The PostgreSQL server the bench creates its databases on, as the URL of its maintenance
 * database (`IMKIT_BENCH_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`),
 * and the Redis the imkit processes share (`IMKIT_BENCH_REDIS_URL`, default
 * `redis://127.0.0.1:6379`).
 */
export const postgresAdminUrl =
  process.env.IMKIT_BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
/** See {@link postgresAdminUrl}. */
export const benchRedisUrl = process.env.IMKIT_BENCH_REDIS_URL || 'redis://127.0.0.1:6379';

/** A database and a Redis key prefix of one benchmark's own, removed by `drop`. */
export interface PostgresStore {
  /** The database's name, `imkit_bench_<random>`. */
  name: string;
  /** Its connection URL (what `IMKIT_DATABASE_URL` gets). */
  url: string;
  /**
   * The environment that points an imkit server child at it: `IMKIT_DATABASE_URL`,
   * `IMKIT_REDIS_URL` and `IMKIT_REDIS_KEY_PREFIX` (`imkit-bench:<random>:`).
   */
  env: Record<string, string>;
  /** Runs `statement` on this database (one connection per call) and returns its rows. */
  query<R extends pg.QueryResultRow>(statement: string, values?: unknown[]): Promise<R[]>;
  /** Drops the database (`WITH (FORCE)`, disconnecting its users) and deletes the Redis keys. */
  drop(): Promise<void>;
}

/** Runs one statement on database `url` over a connection of its own. */
async function runOn<R extends pg.QueryResultRow>(
  url: string,
  statement: string,
  values?: unknown[],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<R>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under `prefix` (SCAN, never KEYS). */
async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(benchRedisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
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
 * Why PostgreSQL or Redis cannot be used for the bench (a sentence for the table's `n/a`), or
 * undefined when both answer.
 */
export async function postgresUnavailable(): Promise<string | undefined> {
  const admin = new URL(postgresAdminUrl);
  try {
    await runOn(postgresAdminUrl, 'select 1');
  } catch (error) {
    return `PostgreSQL at ${admin.host} not reachable (${(error as Error).message}); set IMKIT_BENCH_POSTGRES_URL`;
  }
  const redis = new Redis(benchRedisUrl, {
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${new URL(benchRedisUrl).host} not reachable (${(error as Error).message}); set IMKIT_BENCH_REDIS_URL`;
  } finally {
    redis.disconnect();
  }
  return undefined;
}

/**
 * Creates a fresh, empty database `imkit_bench_<random>` (imkit migrates it when its first
 * process starts) and a Redis key prefix of its own.
 * @throws Error when PostgreSQL refuses (not reachable, no CREATE DATABASE right).
 */
export async function createPostgresStore(): Promise<PostgresStore> {
  const id = randomBytes(6).toString('hex');
  const name = `imkit_bench_${id}`;
  const prefix = `imkit-bench:${id}:`;
  await runOn(postgresAdminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    name,
    url: databaseUrl,
    env: {
      IMKIT_DATABASE_URL: databaseUrl,
      IMKIT_REDIS_URL: benchRedisUrl,
      IMKIT_REDIS_KEY_PREFIX: prefix,
    },
    query: (statement, values) => runOn(databaseUrl, statement, values),
    async drop() {
      try {
        await runOn(postgresAdminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await deleteKeys(prefix);
      }
    },
  };
}
