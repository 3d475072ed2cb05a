import type { Kysely } from 'kysely';

/** Group invitations and join requests (filled in with their operations). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
