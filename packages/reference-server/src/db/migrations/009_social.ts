import type { Kysely } from 'kysely';

/**
 * The social graph beyond friendship. `blocks` holds who blocked whom (operation `blockUser`):
 * a block stops messages, friend requests, group invitations and presence from the blocked
 * user. `friend_groups` are each user's own categories of friends (`createFriendGroup`), their
 * names unique per owner case-insensitively (`name_key`); `friend_group_members` puts friends in
 * them (a friend may be in several). The same migration runs on SQLite and PostgreSQL.
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

  await db.schema
    .createTable('friend_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One name per owner (case-insensitive), and the owner's list by name.
  await db.schema
    .createIndex('friend_groups_owner_name')
    .on('friend_groups')
    .columns(['owner_id', 'name_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('friend_group_members')
    .addColumn('friend_group_id', 'text', (c) => c.notNull().references('friend_groups.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('friend_group_members_pk', ['friend_group_id', 'user_id'])
    .execute();
  // "Which of my categories is this friend in?" (getFriend, and removal with the friendship).
  await db.schema
    .createIndex('friend_group_members_user')
    .on('friend_group_members')
    .columns(['user_id'])
    .execute();
}
