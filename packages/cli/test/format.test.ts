import type { Friend, FriendRequest, Message } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { formatFriend } from '../src/format/formatFriend.js';
import { formatFriendRequest, sortPendingFirst } from '../src/format/formatFriendRequest.js';
import { formatMessage } from '../src/format/formatMessage.js';
import { formatTime } from '../src/format/formatTime.js';
import { alice, bob, friendRequest, message } from './fixtures.js';

describe('formatTime', () => {
  it('shows the date and minutes in the local zone (TZ=UTC in tests) for an earlier day', () => {
    const now = new Date('2026-11-22T10:00:00.000Z');
    expect(formatTime('2026-11-21T09:35:42.123Z', now)).toBe('2026-11-21 09:35');
    expect(formatTime('2025-11-22T09:35:42.123Z', now)).toBe('2025-11-22 09:35');
  });

  it('shows only the time, with seconds, for today', () => {
    const now = new Date('2026-11-21T23:59:59.000Z');
    expect(formatTime('2026-11-21T00:00:07.900Z', now)).toBe('00:00:07');
    expect(formatTime('2026-11-21T09:35:42.123Z', now)).toBe('09:35:42');
  });

  it('leaves what is not a time as it is', () => {
    expect(formatTime('not a time')).toBe('not a time');
  });
});

describe('formatMessage', () => {
  it('prints a history line: [time] sender: text', () => {
    const m: Message = message({ text: 'hello', created_at: '2026-11-21T09:35:00.000Z' });
    expect(formatMessage(m)).toBe('[2026-11-21 09:35] alice: hello');
  });

  it('indents the further lines of a multi-line text under the first', () => {
    const m = message({ text: 'first\r\nsecond\nthird', created_at: '2026-11-21T09:35:00.000Z' });
    expect(formatMessage(m).split('\n')).toEqual([
      '[2026-11-21 09:35] alice: first',
      '                          second',
      '                          third',
    ]);
  });

  it('shows the short id after the time when asked', () => {
    const m = message({ id: '0192f5aa-1d22-7f53-b2c3-d4e5f6071829' });
    expect(formatMessage(m, { showId: true })).toBe('[2026-11-21 09:35 071829] alice: hello');
  });

  it('shows the quote of a reply, (edited) and the reactions', () => {
    const m = message({
      sender: bob,
      text: 'me',
      reply_to: {
        id: 'm-0',
        sender: alice,
        type: 'text',
        excerpt: 'Who brings the rope and the quickdraws?',
      },
      edited_at: '2026-11-21T09:36:00.000Z',
      reactions: [
        { emoji: '👍', count: 2, reacted_by_me: true },
        { emoji: '❤️', count: 1, reacted_by_me: false },
      ],
    });
    expect(formatMessage(m)).toBe(
      '[2026-11-21 09:35] bob: [↳ alice: Who brings the rope and the qu…] me (edited)  👍 2 ❤️ 1',
    );
  });

  it('names non-text content by its type and what names it', () => {
    const shown = (content: Message['content']) => formatMessage({ ...message(), content });
    expect(shown({ type: 'file', file_id: 'f', name: 'topo.pdf' })).toBe(
      '[2026-11-21 09:35] alice: [file topo.pdf]',
    );
    expect(shown({ type: 'image', file_id: 'f', caption: 'the wall' })).toBe(
      '[2026-11-21 09:35] alice: [image] the wall',
    );
    expect(shown({ type: 'location', latitude: 1, longitude: 2 })).toBe(
      '[2026-11-21 09:35] alice: [location]',
    );
  });

  it('shows a recalled or deleted message, and a quote of one, as removed', () => {
    const tombstone = (reason: 'recalled' | 'deleted'): Message => ({
      ...message({ edited_at: '2026-11-21T09:35:30.000Z' }),
      content: { type: 'tombstone', reason, by_user_id: alice.id, at: '2026-11-21T09:36:00.000Z' },
    });
    expect(formatMessage(tombstone('recalled'))).toBe('[2026-11-21 09:35] alice: message recalled');
    expect(formatMessage(tombstone('deleted'))).toBe('[2026-11-21 09:35] alice: message deleted');
    const reply = message({
      reply_to: { id: 'm-0', sender: bob, type: 'tombstone', excerpt: '' },
    });
    expect(formatMessage(reply)).toBe('[2026-11-21 09:35] alice: [↳ bob: message removed] hello');
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
