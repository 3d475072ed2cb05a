import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * What happens to a message after it is sent, on SQLite and PostgreSQL alike:
 * - `message_hides`: the messages a user deleted for themselves (operation `deleteMessageForMe`);
 *   every list, search and resume of that user leaves them out.
 * - `message_reactions`: one row per message, member and emoji (`addReaction`).
 * - `messages` gains `edited_at`, `changed_at` (any later change: edit, recall, deletion for
 *   everyone), the reply columns (`reply_to_message_id`, its preview `reply_to`, `reply_count`),
 *   and the sender's `ext`. Content stays canonical JSON in `content`, updated in place (a
 *   recalled message's content becomes its tombstone), so search triggers follow it.
 * - `conversation_members.last_read_at`: when the read position last moved forward, set by a
 *   trigger on `last_read_seq` (`getMessageReceipts` shows it as `read_at`).
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
  await db.schema
    .createTable('message_reactions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_reactions_pk', ['message_id', 'user_id', 'emoji'])
    .execute();
  const columns: [string, 'text' | 'integer'][] = [
    ['edited_at', 'text'],
    ['changed_at', 'text'],
    ['reply_to_message_id', 'text'],
    ['reply_to', 'text'],
    ['ext', 'text'],
  ];
  // SQLite adds one column per ALTER TABLE.
  for (const [name, type] of columns) {
    await db.schema.alterTable('messages').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('messages')
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The replies of a message in order (`listMessageReplies`), and the previews to rewrite.
  await db.schema
    .createIndex('messages_replies')
    .on('messages')
    .columns(['reply_to_message_id', 'seq'])
    .execute();
  await db.schema.alterTable('conversation_members').addColumn('last_read_at', 'text').execute();
  await readTimeTrigger(db);
}

/** Keeps `conversation_members.last_read_at` at the time `last_read_seq` last grew. */
async function readTimeTrigger(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      CREATE FUNCTION conversation_members_read_at() RETURNS trigger AS $$
      BEGIN
        IF NEW.last_read_seq > OLD.last_read_seq THEN
          NEW.last_read_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        END IF;
        RETURN NEW;
      END
      $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE TRIGGER conversation_members_read_at BEFORE UPDATE OF last_read_seq
      ON conversation_members FOR EACH ROW EXECUTE FUNCTION conversation_members_read_at()`.execute(
      db,
    );
    return;
  }
  await sql`
    CREATE TRIGGER conversation_members_read_at AFTER UPDATE OF last_read_seq ON conversation_members
    WHEN NEW.last_read_seq > OLD.last_read_seq
    BEGIN
      UPDATE conversation_members SET last_read_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      WHERE conversation_id = NEW.conversation_id AND user_id = NEW.user_id;
    END`.execute(db);
}
