import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { ServerConfig } from '../config/ServerConfig.js';
import type { DatabaseSchema } from './DatabaseSchema.js';
import { migrationProvider } from './migrations/index.js';
import { StatementCache } from './StatementCache.js';

/** The query builder over the server's database. */
export type Database = Kysely<DatabaseSchema>;

/**
 * Opens the SQLite database (creating its folder), sets WAL mode and the configured
 * `synchronous` level explicitly, and applies pending migrations. Every SQL text kysely runs is
 * prepared once and reused (see {@link StatementCache}).
 * @throws Error when a migration fails; the database is closed first.
 */
export async function openDatabase(config: ServerConfig): Promise<Database> {
  if (config.databaseFile !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(config.databaseFile)), { recursive: true });
  }
  const sqlite = new SQLite(config.databaseFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: new StatementCache(sqlite) }),
  });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error('database migration failed', { cause: error });
  }
  return db;
}
