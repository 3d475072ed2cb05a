import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/testBackend.js';

/**
 * A database of this run's own on the PostgreSQL server the end-to-end suite uses
 * (`IMKIT_TEST_POSTGRES_URL`): its URL for `IMKIT_DATABASE_URL`, and `drop`.
 */
export type PostgresDatabase = TestDatabase;

/**
 * Creates a fresh, empty database `imkit_mp_<random>` (the servers migrate it at start-up).
 * Rejects when PostgreSQL refuses or cannot be reached.
 */
export function createPostgresDatabase(): Promise<PostgresDatabase> {
  return createTestDatabase(`imkit_mp_${randomBytes(6).toString('hex')}`);
}
