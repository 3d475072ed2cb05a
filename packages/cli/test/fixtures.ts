import type { Conversation, FriendRequest, Message, User, UserRef, UserSummary } from '@imkit/sdk';

export const alice: UserRef = {
  id: 'u-alice',
  username: 'alice',
  nickname: 'Alice',
  avatar_url: null,
  deleted: false,
};
export const bob: UserRef = {
  id: 'u-bob',
  username: 'bob',
  nickname: 'Bob',
  avatar_url: null,
  deleted: false,
};

export const aliceAccount: User = {
  id: alice.id,
  username: 'alice',
  nickname: 'Alice',
  avatar_url: null,
  email: 'alice@example.com',
  created_at: '2026-11-21T09:30:00.000Z',
};

export function summary(user: UserRef, isFriend = false): UserSummary {
  return { ...user, is_friend: isFriend };
}

export function message(
  overrides: Partial<Omit<Message, 'content'>> & { text?: string } = {},
): Message {
  const { text = 'hello', ...rest } = overrides;
  return {
    id: 'm-1',
    conversation_id: 'c-1',
    sender: alice,
    client_message_id: null,
    content: { type: 'text', text },
    created_at: '2026-11-21T09:35:00.000Z',
    ...rest,
  };
}

export function friendRequest(overrides: Partial<FriendRequest> = {}): FriendRequest {
  return {
    id: 'fr-1',
    from: bob,
    to: alice,
    message: null,
    status: 'pending',
    reason: null,
    created_at: '2026-11-21T09:31:00.000Z',
    responded_at: null,
    ...overrides,
  };
}

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c-1',
    type: 'direct',
    peer: bob,
    last_message: null,
    unread_count: 0,
    last_read_message_id: null,
    disabled: false,
    created_at: '2026-11-21T09:33:00.000Z',
    updated_at: '2026-11-21T09:33:00.000Z',
    ...overrides,
  };
}

export function authSession(user: User = aliceAccount) {
  return {
    token_type: 'Bearer' as const,
    access_token: `access-${user.username}`,
    expires_in: 900,
    refresh_token: `refresh-${user.username}`,
    refresh_expires_in: 2_592_000,
    user,
  };
}
