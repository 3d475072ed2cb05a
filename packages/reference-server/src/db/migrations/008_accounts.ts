import type { Kysely } from 'kysely';

/** Account state beyond registration: verified email, email codes, deletion and restore. The same migration runs on SQLite and PostgreSQL. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
