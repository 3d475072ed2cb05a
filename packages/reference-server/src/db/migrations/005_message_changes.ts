import type { Kysely } from 'kysely';

/**
 * What happens to a message after it is sent. `message_hides` holds the messages a user deleted
 * for themselves (operation `deleteMessageForMe`): every list, search and resume of that user
 * leaves them out. The same migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_hides')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('hidden_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_hides_pk', ['user_id', 'message_id'])
    .execute();
}
