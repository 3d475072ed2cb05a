import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What the cache needs of a better-sqlite3 `Database`: `prepare` returning statements with `busy`. */
export interface PreparingDatabase {
  prepare(sql: string): SqliteStatement & { readonly busy?: boolean };
  close(): void;
}

/** How many distinct SQL texts stay prepared by default. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 500;

/**
 * A SQLite database for kysely's `SqliteDialect` that prepares each SQL text once and reuses
 * the statement (better-sqlite3 caches nothing itself; kysely calls `prepare` on every query).
 * Bounded: the least recently used statement is dropped past `capacity`. A statement still
 * being iterated (`busy`, e.g. a streamed query) is not shared: a fresh one is prepared instead.
 * Parameters are bound per call, so a reused statement returns the same rows as a new one;
 * SQLite re-prepares a statement by itself after a schema change.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, SqliteStatement & { readonly busy?: boolean }>();

  /**
   * @param database the better-sqlite3 database to prepare on.
   * @param capacity most SQL texts kept prepared. Default: {@link DEFAULT_STATEMENT_CACHE_SIZE}.
   */
  constructor(
    private readonly database: PreparingDatabase,
    readonly capacity = DEFAULT_STATEMENT_CACHE_SIZE,
  ) {}

  /** Number of statements currently cached. */
  get size(): number {
    return this.statements.size;
  }

  /** The prepared statement for `sql`, from the cache when possible. */
  prepare(sql: string): SqliteStatement {
    const cached = this.statements.get(sql);
    if (cached && !cached.busy) {
      this.statements.delete(sql);
      this.statements.set(sql, cached); // most recently used last
      return cached;
    }
    const statement = this.database.prepare(sql);
    if (cached) return statement; // the cached one is mid-iteration; keep it for later
    this.statements.set(sql, statement);
    if (this.statements.size > this.capacity) {
      this.statements.delete(this.statements.keys().next().value as string);
    }
    return statement;
  }

  /** Forgets every statement and closes the database. */
  close(): void {
    this.statements.clear();
    this.database.close();
  }
}
