import type { Kysely } from 'kysely';
import type {
  ConversationMembersTable,
  ConversationsTable,
  DatabaseSchema,
} from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';

/**
 * The last `seq` a current member may see: no end. The largest value of the `integer` column
 * on both databases (PostgreSQL's int4), so it can be bound as a parameter.
 */
export const OPEN_END_SEQ = 2_147_483_647;

/** A conversation with the caller's membership row. */
export type Membership = ConversationsTable &
  Pick<ConversationMembersTable, 'last_read_seq' | 'user_id'> & {
    /** The member sees messages after this `seq`. */
    visible_from_seq: number;
    /** A departed member sees messages up to this `seq`; null while a member. */
    visible_until_seq: number | null;
  } & MemberSettings;

/** The member's own settings of the conversation (see `ConversationSettingColumns`). */
export interface MemberSettings {
  pinned: number;
  muted: number;
  muted_until: string | null;
  marked_unread: number;
  hidden_seq: number | null;
  settings_updated_at: string | null;
  joined_at: string;
}

/**
 * Conversations joined with their membership rows, selecting a {@link Membership}; callers add
 * the conditions (one conversation of a user, or all of a user's).
 */
export function memberships(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('conversation_members')
    .innerJoin('conversations', 'conversations.id', 'conversation_members.conversation_id')
    .selectAll('conversations')
    .select([
      'conversation_members.last_read_seq',
      'conversation_members.user_id',
      'conversation_members.visible_from_seq',
      'conversation_members.visible_until_seq',
      'conversation_members.pinned',
      'conversation_members.muted',
      'conversation_members.muted_until',
      'conversation_members.marked_unread',
      'conversation_members.hidden_seq',
      'conversation_members.settings_updated_at',
      'conversation_members.joined_at',
    ]);
}

const membershipQuery = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { conversationId: string; userId: string }) =>
    memberships(db)
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

/** User ids of a conversation's current members (not those who left a group or were removed). */
export async function memberIds(db: Database, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('left_position', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}
