import type { Kysely } from 'kysely';

/**
 * The social graph beyond friendship. `blocks` holds who blocked whom (operation `blockUser`):
 * a block stops messages, friend requests, group invitations and presence from the blocked
 * user. The same migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('blocks')
    .addColumn('blocker_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('blocked_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  // "Who blocked me?": the check on every direct send, friend request and presence change.
  await db.schema.createIndex('blocks_blocked').on('blocks').columns(['blocked_id']).execute();
}
