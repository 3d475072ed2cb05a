import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';

/**
 * Inserts `count` messages into a conversation of a stopped server's SQLite file, alternating
 * senders, in one transaction: each gets the conversation's next `seq` (after the messages
 * already there), and the conversation's `last_message_seq` counter is moved to the last one, as
 * sends would leave it. The schema's triggers (the search index) run as for real sends.
 * @param contentOf the stored content (canonical JSON) of the i-th message; default: a copy of
 *   the conversation's newest message.
 */
export function seedMessages(
  file: string,
  conversationId: string,
  senders: [string, string],
  count: number,
  contentOf?: (i: number) => string,
): void {
  const db = new SQLite(file);
  const { content, seq: lastSeq } = db
    .prepare(
      'select content, seq from messages where conversation_id = ? order by seq desc limit 1',
    )
    .get(conversationId) as { content: string; seq: number };
  const insert = db.prepare(
    'insert into messages (conversation_id, seq, id, sender_id, client_message_id, content, created_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const createdAt = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const seq = lastSeq + i + 1;
      const stored = contentOf ? contentOf(i) : content;
      insert.run(
        conversationId,
        seq,
        randomUUID(),
        senders[i % 2],
        randomUUID(),
        stored,
        createdAt,
      );
    }
    db.prepare('update conversations set last_message_seq = ? where id = ?').run(
      lastSeq + count,
      conversationId,
    );
  })();
  db.close();
}
