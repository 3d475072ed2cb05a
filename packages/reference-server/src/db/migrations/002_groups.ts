import type { Kysely } from 'kysely';
import { bigIntegerType } from '../dialect.js';

/**
 * Chat groups: each group owns one conversation (`conversations.type = 'group'`) whose members
 * are the group's members. Roles, group nicknames and mutes live in `group_members` (current
 * members only); `conversation_members` keeps a row for everyone who was ever in the
 * conversation, with the read position and the span of history and events they see: a member
 * who left or was removed keeps, read-only, what came before their departure
 * (`left_position` is null while they are a member). Flags are integers (0/1) on both databases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const position = bigIntegerType(db);
  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().unique().references('conversations.id'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('max_members', 'integer', (c) => c.notNull())
    .addColumn('muted_all', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text')
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('nickname', 'text')
    .addColumn('muted_until', 'text')
    .addColumn('muted_indefinitely', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('group_members_user')
    .on('group_members')
    .columns(['user_id', 'group_id'])
    .execute();

  // What a member sees: messages after visible_from_seq (and up to visible_until_seq once they
  // left or were removed), events after joined_position (and up to left_position).
  for (const [name, type, nullable] of [
    ['visible_from_seq', 'integer', false],
    ['visible_until_seq', 'integer', true],
    ['joined_position', position, false],
    ['left_position', position, true],
  ] as const) {
    await db.schema
      .alterTable('conversation_members')
      .addColumn(name, type, (c) => (nullable ? c : c.notNull().defaultTo(0)))
      .execute();
  }

  // Mentions: @all as a flag on the message, each mentioned user as a row (at most 50 per
  // message, never one per member), so unread mention counts come from read positions.
  await db.schema.alterTable('messages').addColumn('mentions', 'text').execute();
  await db.schema
    .alterTable('messages')
    .addColumn('mentions_all', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('message_mentions')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_mentions_pk', ['user_id', 'conversation_id', 'seq'])
    .execute();
}
