import type { Kysely } from 'kysely';
import type {
  ConversationMembersTable,
  ConversationsTable,
  DatabaseSchema,
} from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';

/** A conversation with the caller's membership row. */
export type Membership = ConversationsTable &
  Pick<ConversationMembersTable, 'last_read_seq' | 'user_id'> & {
    /** The member sees messages after this `seq`. */
    visible_from_seq: number;
  };

const membershipQuery = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { conversationId: string; userId: string }) =>
    db
      .selectFrom('conversation_members')
      .innerJoin('conversations', 'conversations.id', 'conversation_members.conversation_id')
      .selectAll('conversations')
      .select([
        'conversation_members.last_read_seq',
        'conversation_members.user_id',
        'conversation_members.visible_from_seq',
      ])
      .where('conversation_members.conversation_id', '=', p.conversationId)
      .where('conversation_members.user_id', '=', p.userId),
);

/**
 * Loads a conversation the caller belongs to (one query by primary key, compiled once).
 * @throws ApiError 404 `conversation.not_found` when it does not exist or the caller is not a member
 *   (the two are not distinguished, so ids of others' conversations reveal nothing).
 */
export async function requireMembership(
  db: Database,
  conversationId: string,
  userId: string,
): Promise<Membership> {
  const row = await membershipQuery.first(db, { conversationId, userId });
  if (!row)
    throw new ApiError(
      404,
      'conversation.not_found',
      'No such conversation, or you are not a member.',
    );
  return row;
}

/** User ids of a conversation's members. */
export async function memberIds(db: Database, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .execute();
  return rows.map((r) => r.user_id);
}
