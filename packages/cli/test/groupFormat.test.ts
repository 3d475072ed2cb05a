import type { GroupMember } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { formatGroupNotice } from '../src/chat/groupNotice.js';
import { formatGroupMember } from '../src/format/formatGroupMember.js';
import { formatInboxEntry, sortPinnedFirst } from '../src/format/formatInboxEntry.js';
import { groupArgument, parseGroupTarget } from '../src/groupReference.js';
import { findMentionedNames } from '../src/mentions.js';
import { parseDuration } from '../src/parseDuration.js';
import { alice, bob, conversation, message } from './fixtures.js';

const group = { id: 'g-1', name: 'Climbing', avatar_url: null };

describe('#<group> targets', () => {
  it('reads # and an id or name as a group, anything else as a username', () => {
    expect(parseGroupTarget('#Climbing')).toBe('Climbing');
    expect(parseGroupTarget('#0192f5ab')).toBe('0192f5ab');
    expect(parseGroupTarget('bob')).toBeNull();
    expect(parseGroupTarget('#')).toBeNull();
    expect(groupArgument('#Climbing')).toBe('Climbing');
    expect(groupArgument('Climbing')).toBe('Climbing');
  });
});

describe('parseDuration', () => {
  it('reads a whole number and one unit, in seconds', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('7d')).toBe(604_800);
  });

  it.each(['10', 'm', '0m', '1.5h', '10 minutes', '-1m'])('refuses %j', (value) => {
    expect(() => parseDuration(value)).toThrow('expected a duration such as 30s, 10m, 2h or 7d');
  });
});

describe('formatGroupMember', () => {
  const member: GroupMember = {
    group_id: 'g-1',
    user: bob,
    role: 'admin',
    nickname: null,
    muted: false,
    muted_until: null,
    joined_at: '2026-11-21T09:30:00.000Z',
  };

  it('shows the role, then the group nickname and a mute when there are', () => {
    expect(formatGroupMember(member)).toBe('bob (Bob)  admin');
    expect(
      formatGroupMember({
        ...member,
        nickname: 'Bobby',
        muted: true,
        muted_until: '2026-11-21T10:00:00.000Z',
      }),
    ).toBe('bob (Bob)  admin  "Bobby"  muted until 2026-11-21 10:00');
    expect(formatGroupMember({ ...member, muted: true })).toBe(
      'bob (Bob)  admin  muted until unmuted',
    );
  });
});

describe('imkit inbox lines', () => {
  it('shows #group, unread and mention counts, pinned, and the newest message', () => {
    const entry = conversation({
      type: 'group',
      peer: null,
      group,
      unread_count: 3,
      unread_mention_count: 1,
      pinned: true,
      last_message: message({ sender: bob, text: 'see you', created_at: '2026-11-21T09:40:00Z' }),
    });
    expect(formatInboxEntry(entry)).toBe(
      'pinned  #Climbing  3 unread  1 mention  [2026-11-21 09:40] bob: see you',
    );
    expect(formatInboxEntry(conversation({ unread_count: 0 }))).toBe('bob  0 unread');
    expect(formatInboxEntry(conversation({ disabled: true, unread_mention_count: 2 }))).toBe(
      'bob  0 unread  2 mentions  (read-only)',
    );
  });

  it('lists pinned conversations first, otherwise in the server order', () => {
    const a = conversation({ id: 'a' });
    const b = conversation({ id: 'b', pinned: true });
    const c = conversation({ id: 'c' });
    const d = conversation({ id: 'd', pinned: true });
    expect(sortPinnedFirst([a, b, c, d]).map((x) => x.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('findMentionedNames', () => {
  it('reads @username and @all words, once each, ignoring case and final punctuation', () => {
    expect(findMentionedNames('@Bob and @carol. see @bob, @ALL!')).toEqual({
      usernames: ['bob', 'carol'],
      all: true,
    });
    expect(findMentionedNames('mail me at bob@example.com or @ nobody')).toEqual({
      usernames: [],
      all: false,
    });
  });
});

describe('formatGroupNotice', () => {
  const viewer = { groupId: 'g-1', myUserId: 'u-alice' };
  const exit = (user: typeof bob) => ({ group_id: 'g-1', user, actor: alice });

  it('says who joined, left or was removed, and when I can no longer send', () => {
    expect(formatGroupNotice({ type: 'group.member_left', data: exit(bob) }, viewer)).toBe(
      '* bob left',
    );
    expect(formatGroupNotice({ type: 'group.member_removed', data: exit(bob) }, viewer)).toBe(
      '* bob was removed by alice',
    );
    expect(formatGroupNotice({ type: 'group.member_removed', data: exit(alice) }, viewer)).toBe(
      '* you were removed by alice; you can no longer send here',
    );
    expect(
      formatGroupNotice(
        { type: 'group.dismissed', data: { group, conversation_id: 'c-1', actor: bob } },
        viewer,
      ),
    ).toBe('* bob dismissed #Climbing; nobody can send here any more');
  });

  it('ignores other groups and other events', () => {
    expect(
      formatGroupNotice(
        { type: 'group.member_left', data: { ...exit(bob), group_id: 'g-2' } },
        viewer,
      ),
    ).toBeNull();
    expect(formatGroupNotice({ type: 'message.created', data: message() }, viewer)).toBeNull();
  });
});
