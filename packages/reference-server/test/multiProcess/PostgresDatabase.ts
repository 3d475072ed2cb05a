import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the multi-process test uses to create and drop its database: a URL of
 * its maintenance database (`IMKIT_TEST_POSTGRES_URL`), as the end-to-end suite's.
 */
const adminUrl =
  process.env.IMKIT_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on the maintenance database. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database of this run's own. */
export interface PostgresDatabase {
  /** Its connection URL, for `IMKIT_DATABASE_URL`. */
  url: string;
  /** Drops it, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/** Creates a fresh, empty database `imkit_mp_<random>` (the servers migrate it at start-up). */
export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const name = `imkit_mp_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
