import type { Kysely } from 'kysely';
import { bigIntegerType } from '../dialect.js';

/**
 * Accounts, sessions, the social graph, direct conversations, messages and the event stream.
 * The same migration runs on SQLite and PostgreSQL; the only difference is the type of stream
 * positions ({@link bigIntegerType}).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const position = bigIntegerType(db);
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('email_key', 'text', (c) => c.unique())
    .addColumn('nickname', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('friend_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .execute();
  await db.schema
    .createIndex('friend_requests_to')
    .on('friend_requests')
    .columns(['to_user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('friend_requests_from')
    .on('friend_requests')
    .columns(['from_user_id', 'id'])
    .execute();

  await db.schema
    .createTable('friendships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('friend_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('remark', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('friendships_pk', ['user_id', 'friend_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('last_message_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conversation_members')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('conversation_members_user')
    .on('conversation_members')
    .columns(['user_id', 'conversation_id'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('client_message_id', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('messages_pk', ['conversation_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('messages_client_id')
    .on('messages')
    .columns(['sender_id', 'client_message_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('position', position, (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_conversation')
    .on('events')
    .columns(['conversation_id', 'position'])
    .execute();

  await db.schema
    .createTable('stream_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('position', position, (c) => c.notNull())
    .execute();
  await db
    .insertInto('stream_head' as never)
    .values({ id: 1, position: 0 } as never)
    .execute();

  await db.schema
    .createTable('event_recipients')
    .addColumn('position', position, (c) => c.notNull().references('events.position'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_recipients_pk', ['user_id', 'position'])
    .execute();

  await db.schema
    .createTable('device_cursors')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('position', position, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_cursors_pk', ['user_id', 'device_id'])
    .execute();
}
