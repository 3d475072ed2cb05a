import type { Generated } from 'kysely';
import type { AccountColumns, AccountTables } from './schema/accountTables.js';
import type {
  ConversationSettingColumns,
  ConversationSettingTables,
} from './schema/conversationSettingTables.js';
import type { FileTables } from './schema/fileTables.js';
import type { MessageChangeColumns, MessageChangeTables } from './schema/messageChangeTables.js';
import type { SocialTables } from './schema/socialTables.js';

/**
 * Row types of the schema created by the migrations in `./migrations`. The tables of each later
 * capability live in `./schema`, one file each.
 */
export interface DatabaseSchema
  extends MessageChangeTables,
    FileTables,
    ConversationSettingTables,
    AccountTables,
    SocialTables {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  friend_requests: FriendRequestsTable;
  friendships: FriendshipsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  events: EventsTable;
  event_recipients: EventRecipientsTable;
  device_cursors: DeviceCursorsTable;
  stream_head: StreamHeadTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_invitations: GroupInvitationsTable;
  group_join_requests: GroupJoinRequestsTable;
  group_announcements: GroupAnnouncementsTable;
  group_events: GroupEventsTable;
  message_mentions: MessageMentionsTable;
}

export interface UsersTable extends AccountColumns {
  id: string;
  username: string;
  username_key: string;
  email: string | null;
  email_key: string | null;
  nickname: string | null;
  avatar_url: string | null;
  password_hash: string;
  created_at: string;
  deleted_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: string;
  used_at: string | null;
}

export interface FriendRequestsTable {
  id: string;
  from_user_id: string;
  to_user_id: string;
  message: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  created_at: string;
  responded_at: string | null;
}

/** One row per direction: a friendship between A and B is (A,B) and (B,A). */
export interface FriendshipsTable {
  user_id: string;
  friend_id: string;
  remark: string | null;
  created_at: string;
}

export interface ConversationsTable {
  id: string;
  type: 'direct' | 'group';
  direct_key: string | null;
  /**
   * The conversation's message counter: the `seq` of its newest message, 0 before the first.
   * A send increments it under the row's write lock, so within a conversation `seq` follows
   * commit order on every database.
   */
  last_message_seq: number;
  created_at: string;
  updated_at: string;
}

export interface ConversationMembersTable extends ConversationSettingColumns {
  conversation_id: string;
  user_id: string;
  last_read_seq: number;
  /** The member sees messages after this `seq` (0: the whole history). */
  visible_from_seq: Generated<number>;
  /** After leaving: the member sees messages up to this `seq`; null while a member. */
  visible_until_seq: Generated<number | null>;
  /** The member sees the conversation's events after this stream position. */
  joined_position: Generated<number>;
  /** After leaving: the member sees events up to this position; null while a member. */
  left_position: Generated<number | null>;
  joined_at: string;
}

/** Messages, keyed by conversation and their `seq` there (1, 2, 3, … per conversation). */
export interface MessagesTable extends MessageChangeColumns {
  seq: number;
  id: string;
  conversation_id: string;
  sender_id: string;
  client_message_id: string | null;
  content: string;
  created_at: string;
  /** The `Mentions` of the message as JSON; null when it mentions nobody. */
  mentions: string | null;
  /** 1 when the message mentions everyone (@all). */
  mentions_all: number;
}

/** The server-wide event stream; `position` is the stream position pushed to clients. */
export interface EventsTable {
  position: number;
  type: string;
  conversation_id: string | null;
  payload: string;
  created_at: string;
}

/** Audience of events that are not about a conversation (friend requests). */
export interface EventRecipientsTable {
  position: number;
  user_id: string;
}

export interface DeviceCursorsTable {
  user_id: string;
  device_id: string;
  position: number;
  updated_at: string;
}

/**
 * The event stream's counter: one row holding the last position handed out. A batch of writes
 * takes its positions by adding to it just before it commits, so positions are gapless and in
 * commit order on every database (see `docs/decisions.md`).
 */
export interface StreamHeadTable {
  /** Always 1: the table has one row. */
  id: number;
  /** The last position handed out (0 before the first event). */
  position: number;
}

/** A chat group and the conversation its members share. */
export interface GroupsTable {
  id: string;
  conversation_id: string;
  name: string;
  description: string | null;
  avatar_url: string | null;
  owner_id: string;
  max_members: number;
  /** 1 while only the owner and admins may send. */
  muted_all: number;
  created_at: string;
  updated_at: string;
  /** When the owner dismissed the group; null while it exists. */
  dismissed_at: string | null;
}

/** A member of a chat group: role, nickname in the group, mute. */
export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  nickname: string | null;
  /** End of a timed mute; null when not muted or muted indefinitely. */
  muted_until: string | null;
  /** 1 while muted until someone unmutes them. */
  muted_indefinitely: number;
  joined_at: string;
}

/** A user a message mentions (one row per mentioned user, at most 50 per message). */
export interface MessageMentionsTable {
  user_id: string;
  conversation_id: string;
  seq: number;
}

/** A notice posted in a group by its owner or an admin. */
export interface GroupAnnouncementsTable {
  /** UUIDv7: sorts by time. */
  id: string;
  group_id: string;
  author_id: string;
  content: string;
  created_at: string;
}

/** An entry of a user's group event feed: something a group did to or for them. */
export interface GroupEventsTable {
  /** UUIDv7: sorts by time. */
  id: string;
  /** Whose feed it is in. */
  user_id: string;
  group_id: string;
  /** A `GroupEventType` of the spec (`became_admin`, `removed`, `muted`...). */
  type: string;
  /** Who did it; null when the system did (a timed mute ending). */
  actor_id: string | null;
  /** With `muted`: when the mute ends; null for an indefinite mute. */
  muted_until: string | null;
  /** With a rejection: the reviewer's reason. */
  reason: string | null;
  /** 1 once the user marked it (or a newer entry) read. */
  is_read: Generated<number>;
  created_at: string;
}

/**
 * An invitation by a plain member, waiting for (or decided by) the group's owner or an admin;
 * at most one pending per group and invitee.
 */
export interface GroupInvitationsTable {
  /** UUIDv7: sorts by time. */
  id: string;
  group_id: string;
  inviter_id: string;
  invitee_id: string;
  message: string | null;
  status: 'pending' | 'approved' | 'rejected';
  /** The owner or admin who decided; null while pending. */
  reviewer_id: string | null;
  /** The reviewer's reason when rejecting. */
  reason: string | null;
  created_at: string;
  reviewed_at: string | null;
}

/** A user's application to join a group; at most one pending per group and applicant. */
export interface GroupJoinRequestsTable {
  /** UUIDv7: sorts by time. */
  id: string;
  group_id: string;
  applicant_id: string;
  message: string | null;
  status: 'pending' | 'approved' | 'rejected';
  /** The owner or admin who decided; null while pending. */
  reviewer_id: string | null;
  /** The reviewer's reason when rejecting. */
  reason: string | null;
  created_at: string;
  reviewed_at: string | null;
}
