import type { Kysely } from 'kysely';
import type { DatabaseSchema, MessagesTable } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';

type NewMessage = Omit<MessagesTable, 'seq'>;

/** Takes the conversation's next `seq` and write-locks its row until the transaction ends. */
const nextSeq = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { at: string; conversationId: string }) =>
    db
      .updateTable('conversations')
      .set((eb) => ({ last_message_seq: eb('last_message_seq', '+', 1), updated_at: p.at }))
      .where('id', '=', p.conversationId)
      .returning('last_message_seq'),
);

const insertMessage = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: NewMessage & { seq: number }) =>
    db.insertInto('messages').values({
      conversation_id: p.conversation_id,
      seq: p.seq,
      id: p.id,
      sender_id: p.sender_id,
      client_message_id: p.client_message_id,
      content: p.content,
      created_at: p.created_at,
      mentions: p.mentions,
      mentions_all: p.mentions_all,
      reply_to_message_id: p.reply_to_message_id,
      reply_to: p.reply_to,
      ext: p.ext,
    }),
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
 * Stores a new message inside the sending transaction: takes the conversation's next `seq`
 * (which also moves its last-message pointer and activity time, and write-locks the row, so
 * concurrent sends to one conversation, from any server process, get their `seq` in commit
 * order), inserts the message (with its reply preview and `ext`, if any), and moves the sender's read position to it (a sender has read
 * what it sent), plus one row per mentioned user. Three statements whatever the number of
 * members; the SQL is compiled once.
 * @param mentionedUserIds the users `row.mentions` names (members, checked by the caller).
 * @returns the message's `seq` in its conversation (1 for the first message).
 * @throws Error when the conversation does not exist (callers check membership first).
 */
export async function storeMessage(
  db: Kysely<DatabaseSchema>,
  row: NewMessage,
  mentionedUserIds: readonly string[] = [],
): Promise<number> {
  const { conversation_id: conversationId } = row;
  const next = await nextSeq.first(db, { at: row.created_at, conversationId });
  if (!next) throw new Error(`conversation ${conversationId} does not exist`);
  const seq = next.last_message_seq;
  await insertMessage.execute(db, {
    ...row,
    seq,
    reply_to_message_id: row.reply_to_message_id ?? null,
    reply_to: row.reply_to ?? null,
    ext: row.ext ?? null,
  });
  await advanceSenderRead.execute(db, { seq, conversationId, userId: row.sender_id });
  if (mentionedUserIds.length > 0) {
    await db
      .insertInto('message_mentions')
      .values(
        mentionedUserIds.map((user_id) => ({ user_id, conversation_id: conversationId, seq })),
      )
      .execute();
  }
  return seq;
}
