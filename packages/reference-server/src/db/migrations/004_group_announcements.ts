import type { Kysely } from 'kysely';

/** Group announcements and group event notifications (filled in with their operations). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
