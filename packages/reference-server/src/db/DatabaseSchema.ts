import type { Generated } from 'kysely';

/** Row types of the SQLite schema created by the migrations in `./migrations`. */
export interface DatabaseSchema {
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
}

export interface UsersTable {
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
  type: 'direct';
  direct_key: string | null;
  last_message_seq: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationMembersTable {
  conversation_id: string;
  user_id: string;
  last_read_seq: number;
  joined_at: string;
}

export interface MessagesTable {
  seq: Generated<number>;
  id: string;
  conversation_id: string;
  sender_id: string;
  client_message_id: string | null;
  content: string;
  created_at: string;
}

/** The server-wide event stream; `position` is the stream position pushed to clients. */
export interface EventsTable {
  position: Generated<number>;
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
