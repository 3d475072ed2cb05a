import type { Friend, FriendRequest, Message } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { formatFriend } from '../src/format/formatFriend.js';
import { formatFriendRequest, sortPendingFirst } from '../src/format/formatFriendRequest.js';
import { formatMessage } from '../src/format/formatMessage.js';
import { formatTime } from '../src/format/formatTime.js';
import { alice, bob, friendRequest, message } from './fixtures.js';

describe('formatTime', () => {
  it('shows minutes in the local zone (TZ=UTC in tests)', () => {
    expect(formatTime('2026-11-21T09:35:42.123Z')).toBe('2026-11-21 09:35');
  });
});

describe('formatMessage', () => {
  it('prints a history line: [time] sender: text', () => {
    const m: Message = message({ text: 'hello', created_at: '2026-11-21T09:35:00.000Z' });
    expect(formatMessage(m)).toBe('[2026-11-21 09:35] alice: hello');
  });
});

describe('formatFriendRequest', () => {
  it('names the other user and the direction as seen by me', () => {
    const r: FriendRequest = friendRequest({ from: bob, to: alice, message: 'hi there' });
    expect(formatFriendRequest(r, alice.id)).toBe(
      '[2026-11-21 09:31] pending   from bob: "hi there"',
    );
    expect(formatFriendRequest(r, bob.id)).toBe(
      '[2026-11-21 09:31] pending   to alice: "hi there"',
    );
  });

  it('sorts pending requests first and keeps the server order otherwise', () => {
    const a = friendRequest({ id: 'a', status: 'accepted' });
    const b = friendRequest({ id: 'b', status: 'pending' });
    const c = friendRequest({ id: 'c', status: 'rejected' });
    const d = friendRequest({ id: 'd', status: 'pending' });
    expect(sortPendingFirst([a, b, c, d]).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('formatFriend', () => {
  it('shows username, nickname and presence', () => {
    const f: Friend = {
      user: bob,
      remark: null,
      presence: 'online',
      friends_since: '2026-11-21T09:32:00.000Z',
    };
    expect(formatFriend(f)).toBe('bob (Bob)  online');
  });
});
