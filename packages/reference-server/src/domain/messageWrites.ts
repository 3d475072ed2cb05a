import type { Kysely } from 'kysely';
import type { DatabaseSchema, MessagesTable } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';

type NewMessage = Omit<MessagesTable, 'seq'>;

const insertMessage = new ReusableQuery((db: Kysely<DatabaseSchema>, p: NewMessage) =>
  db
    .insertInto('messages')
    .values({
      id: p.id,
      conversation_id: p.conversation_id,
      sender_id: p.sender_id,
      client_message_id: p.client_message_id,
      content: p.content,
      created_at: p.created_at,
    })
    .returning('seq'),
);

const touchConversation = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { seq: number; at: string; conversationId: string }) =>
    db
      .updateTable('conversations')
      .set({ last_message_seq: p.seq, updated_at: p.at })
      .where('id', '=', p.conversationId),
);

const advanceSenderRead = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { seq: number; conversationId: string; userId: string }) =>
    db
      .updateTable('conversation_members')
      .set({ last_read_seq: p.seq })
      .where('conversation_id', '=', p.conversationId)
      .where('user_id', '=', p.userId),
);

/**
 * Stores a new message inside the sending transaction: the message row, the conversation's
 * last-message pointer and activity time, and the sender's read position (a sender has read
 * what it sent). Three statements whatever the number of members; the SQL is compiled once.
 * @returns the message's sequence number in the conversation stream.
 */
export async function storeMessage(db: Kysely<DatabaseSchema>, row: NewMessage): Promise<number> {
  const [inserted] = await insertMessage.execute(db, row);
  const seq = inserted!.seq;
  const { conversation_id: conversationId } = row;
  await touchConversation.execute(db, { seq, at: row.created_at, conversationId });
  await advanceSenderRead.execute(db, { seq, conversationId, userId: row.sender_id });
  return seq;
}
