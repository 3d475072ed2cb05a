import type { Kysely } from 'kysely';

/**
 * Group announcements and the group event feed. `group_announcements` holds the notices an
 * owner or admin posts in a group (deleting one deletes its row). `group_events` is each user's
 * feed of what groups did to or for them (became admin, removed, muted, a request reviewed,
 * the group dismissed...): one row per recipient, since each recipient reads their own entries
 * (`is_read`, 0/1). Ids are UUIDv7, so ordering by id is ordering by time. The same migration
 * runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('group_announcements_group')
    .on('group_announcements')
    .columns(['group_id', 'id'])
    .execute();

  await db.schema
    .createTable('group_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('muted_until', 'text')
    .addColumn('reason', 'text')
    .addColumn('is_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The whole feed newest first; the unread part (listing with unread_only, and its count).
  await db.schema
    .createIndex('group_events_user')
    .on('group_events')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('group_events_user_unread')
    .on('group_events')
    .columns(['user_id', 'is_read', 'id'])
    .execute();
}
