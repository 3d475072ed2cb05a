import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/**
 * Where SQLite and PostgreSQL differ, in one place. Every query elsewhere is kysely's
 * dialect-neutral output; only column types and the errors worth retrying differ.
 */

/** True when `db` talks to PostgreSQL (kysely's Postgres adapter), false for SQLite. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The column type of a stream position or any counter that may outgrow 32 bits: `bigint` on
 * PostgreSQL (read back as a JavaScript number, exact up to 2^53), `integer` on SQLite (whose
 * integers are 64-bit already; `INTEGER PRIMARY KEY` makes the column the row id).
 */
export function bigIntegerType(db: Kysely<unknown>): RawBuilder<unknown> {
  return isPostgres(db) ? sql`bigint` : sql`integer`;
}

/** The SQLSTATE of a PostgreSQL error (`pg`'s `DatabaseError.code`), if `error` is one. */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * True for errors after which a whole transaction may simply run again: PostgreSQL's
 * `deadlock_detected` (40P01) and `serialization_failure` (40001), which happen when server
 * processes lock the same rows in different orders. SQLite has one writer, so never.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
}

/**
 * True when a unit of work lost a race with another process's transaction on a unique key
 * (PostgreSQL `unique_violation`, 23505): by the time PostgreSQL reports it the other
 * transaction has committed, so running the unit again sees its row (e.g. a send retried on
 * two processes at once finds the first one's message and answers with it).
 */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}
