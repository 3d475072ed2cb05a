import type { Kysely } from 'kysely';
import { createMessageSearchIndex } from '../../domain/messageSearchIndex.js';

/**
 * A member's own settings of a conversation (pin, mute, unread mark, hidden) as columns of
 * `conversation_members`, and the message search index ({@link createMessageSearchIndex}: an
 * FTS5 trigram table on SQLite, a `pg_trgm` GIN index on PostgreSQL). The same migration runs on
 * SQLite and PostgreSQL; only the index differs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: [string, 'integer' | 'text', number | null][] = [
    ['pinned', 'integer', 0],
    ['muted', 'integer', 0],
    ['muted_until', 'text', null],
    ['marked_unread', 'integer', 0],
    ['hidden_seq', 'integer', null],
    ['settings_updated_at', 'text', null],
  ];
  for (const [name, type, fallback] of columns) {
    await db.schema
      .alterTable('conversation_members')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
  await createMessageSearchIndex(db);
}
