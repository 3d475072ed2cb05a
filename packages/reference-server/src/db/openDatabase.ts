import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { ServerConfig } from '../config/ServerConfig.js';
import type { DatabaseSchema } from './DatabaseSchema.js';
import { migrationProvider } from './migrations/index.js';
import { StatementCache } from './StatementCache.js';

/** The query builder over the server's database. */
export type Database = Kysely<DatabaseSchema>;

/** PostgreSQL's type id of `bigint` (int8), which `pg` returns as a string by default. */
const INT8_OID = 20;

/** SQLite: WAL mode, the configured `synchronous` level, each SQL text prepared once. */
function sqliteDatabase(config: ServerConfig): Database {
  if (config.databaseFile !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(config.databaseFile)), { recursive: true });
  }
  const sqlite = new SQLite(config.databaseFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: new StatementCache(sqlite) }),
  });
}

/**
 * PostgreSQL through a `pg` pool of `databasePoolSize` connections. `bigint` columns (stream
 * positions, counts) are read as JavaScript numbers: positions stay far below 2^53.
 */
function postgresDatabase(config: ServerConfig, url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: config.databasePoolSize,
    application_name: 'imkit',
    // A database that does not answer fails the request instead of holding it forever.
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (restart, failover) must not crash the process.
  pool.on('error', () => {});
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the server's database and applies pending migrations: PostgreSQL when
 * `config.databaseUrl` is set, otherwise the SQLite file (creating its folder). The same
 * migrations run on both (see `dialect.ts` for where the two differ).
 * @throws Error when the database cannot be reached or a migration fails; it is closed first.
 */
export async function openDatabase(config: ServerConfig): Promise<Database> {
  const db = config.databaseUrl
    ? postgresDatabase(config, config.databaseUrl)
    : sqliteDatabase(config);
  await refusePreReleaseSchema(db, config);
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error('database migration failed', { cause: error });
  }
  return db;
}

/**
 * The schema of the first skeleton (before the event stream's counter row) changed in place
 * before any release; a database created by it cannot be used. Says so, instead of failing
 * later on a missing table.
 * @throws Error naming the file to move away.
 */
async function refusePreReleaseSchema(db: Database, config: ServerConfig): Promise<void> {
  const tables = new Set(
    (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name),
  );
  if (!tables.has('kysely_migration') || tables.has('stream_head')) return;
  // Another process may be migrating this very database right now: its migration table exists
  // before its first migration commits. Only a recorded first migration without the stream head
  // is the skeleton's (a migration's tables and its record commit together).
  const recorded = await sql<{
    name: string;
  }>`select name from kysely_migration where name = '001_initial'`.execute(db);
  if (recorded.rows.length === 0) return;
  await db.destroy();
  const where = config.databaseUrl ? 'the PostgreSQL database' : config.databaseFile;
  throw new Error(
    `${where} was created by a pre-release imkit whose schema has changed; move it away (or drop it) and start again`,
  );
}
