import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * True where a membership row (table alias `member`, a `conversation_members` row) is in its
 * user's conversation list: never hidden (`hideConversation`), or a message the user may see has
 * arrived since they hid it, i.e. the conversation's newest message is after `hidden_seq` and,
 * for a member who left, so is their departure. A hidden conversation leaves the list and the
 * unread badges alike, so the two agree. One `EXISTS` on the conversation's primary key.
 * @param member the alias of `conversation_members` in the query.
 */
export function listedMembership(member: string): RawBuilder<SqlBool> {
  const m = sql.table(member);
  return sql<SqlBool>`(${m}.hidden_seq IS NULL OR EXISTS (
    SELECT 1 FROM conversations AS hc
    WHERE hc.id = ${m}.conversation_id
      AND hc.last_message_seq > ${m}.hidden_seq
      AND (${m}.visible_until_seq IS NULL OR ${m}.visible_until_seq > ${m}.hidden_seq)))`;
}
