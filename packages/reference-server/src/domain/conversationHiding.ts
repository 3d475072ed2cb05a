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

/**
 * The same rule as {@link listedMembership}, for a membership row already read: true while the
 * conversation is hidden from its member's list (the `hidden` of `Conversation`).
 */
export function isHidden(member: {
  hidden_seq: number | null;
  last_message_seq: number;
  visible_until_seq: number | null;
}): boolean {
  const { hidden_seq: hiddenSeq, visible_until_seq: until } = member;
  if (hiddenSeq === null) return false;
  return !(member.last_message_seq > hiddenSeq && (until === null || until > hiddenSeq));
}
