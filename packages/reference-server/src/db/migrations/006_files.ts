import type { Kysely } from 'kysely';

/**
 * Uploaded files and where they were sent. `files` holds the metadata (the bytes are in the file
 * store, named by id; `is_public` is 1 for a file published as an avatar, which every signed-in
 * user may read); `file_conversations` records each conversation a file was sent in, whose
 * members may then download it. The same migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('conversation_id', 'text', (c) => c.references('conversations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  // The owner's uploads newest first (listFiles).
  await db.schema.createIndex('files_owner').on('files').columns(['owner_id', 'id']).execute();
  // The sweep of expired unsent uploads.
  await db.schema.createIndex('files_expiry').on('files').columns(['expires_at']).execute();

  await db.schema
    .createTable('file_conversations')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_conversations_pk', ['file_id', 'conversation_id'])
    .execute();
}
