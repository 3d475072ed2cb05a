import type { FriendGroup, UserProfile } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { loggedInCli, page } from './cliSetup.js';
import type { FakeApi } from './fakeApi.js';
import { problem } from './fakeApi.js';
import { bob, summary } from './fixtures.js';

let api: FakeApi;
let cli: Awaited<ReturnType<typeof loggedInCli>>['cli'];

beforeEach(async () => {
  ({ api, cli } = await loggedInCli());
});

function profile(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    ...summary(bob, true),
    bio: null,
    gender: 'undisclosed',
    is_blocked: false,
    remark: null,
    presence: 'online',
    ...overrides,
  };
}

function friendGroup(overrides: Partial<FriendGroup> = {}): FriendGroup {
  return {
    id: 'fg-1',
    name: 'Climbing club',
    member_count: 1,
    created_at: '2026-11-21T09:30:00.000Z',
    updated_at: '2026-11-21T09:30:00.000Z',
    ...overrides,
  };
}

describe('imkit users', () => {
  it('search lists each hit with its friend and deleted marks, and says when there are more', async () => {
    const dan = { ...bob, id: 'u-dan', username: 'dan', nickname: null, deleted: true };
    api.on('GET /users', [200, page([summary(bob, true), summary(dan)], 'next')]);
    const { code, stdout } = await cli(['users', 'search', 'b', '--limit', '2']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'bob (Bob)  friend\ndan  deleted\n(more: narrow the text or raise --limit)\n',
    );
    expect(api.sent('GET /users')[0]?.query).toEqual({ q: 'b', limit: '2' });
  });

  it('search says when nobody matches', async () => {
    api.on('GET /users', [200, page([])]);
    expect((await cli(['users', 'search', 'zzz'])).stdout).toBe('nobody matches "zzz"\n');
  });

  it('show prints the relationship, bio and gender, by exact username', async () => {
    api.on('GET /users/by-username/:name', [
      200,
      profile({ remark: 'Bobby', bio: 'Climber.', gender: 'male', is_blocked: true }),
    ]);
    const { code, stdout } = await cli(['users', 'show', 'BOB']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'bob (Bob)',
        '  id:       u-bob',
        '  you:      friend, your remark "Bobby", online; you blocked them',
        '  bio:      Climber.',
        '  gender:   male',
        '',
      ].join('\n'),
    );
    expect(api.requests.at(-1)?.path).toBe('/users/by-username/BOB');
  });

  it('show marks a deleted account and a stranger', async () => {
    api.on('GET /users/by-username/:name', [
      200,
      profile({ is_friend: false, deleted: true, presence: null }),
    ]);
    const { stdout } = await cli(['users', 'show', 'bob']);
    expect(stdout).toContain('bob (Bob)  (deleted account)\n');
    expect(stdout).toContain('  you:      not your friend\n');
  });

  it('show fails clearly for an unknown username', async () => {
    api.on('GET /users/by-username/:name', [
      404,
      problem(404, 'user.not_found', 'No user has this username.'),
    ]);
    const { code, stderr } = await cli(['users', 'show', 'ghost']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: no user named "ghost"\n');
  });
});

describe('imkit friend-groups', () => {
  it('create resolves each friend by username and sends their ids', async () => {
    api.on('GET /users/by-username/:name', [200, profile()]);
    api.on('POST /friend-groups', [201, friendGroup()]);
    const { code, stdout } = await cli(['friend-groups', 'create', 'Climbing club', 'bob']);
    expect(code).toBe(0);
    expect(stdout).toBe('created Climbing club  1 friend\n');
    expect(api.sent('POST /friend-groups')[0]?.body).toEqual({
      name: 'Climbing club',
      user_ids: ['u-bob'],
    });
  });

  it('refuses to put yourself in a group without asking the server', async () => {
    const { code, stderr } = await cli(['friend-groups', 'create', 'Me', 'alice']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: alice is you\n');
    expect(api.sent('POST /friend-groups')).toEqual([]);
  });

  it('finds a group by name in any case, across pages', async () => {
    api.on('GET /friend-groups', (req) =>
      req.query.after
        ? [200, page([friendGroup({ id: 'fg-2', name: 'Work', member_count: 0 })])]
        : [200, page([friendGroup()], 'c2')],
    );
    api.on('PATCH /friend-groups/:id', [200, friendGroup({ id: 'fg-2', name: 'Office' })]);
    const { code, stdout } = await cli(['friend-groups', 'rename', 'WORK', 'Office']);
    expect(code).toBe(0);
    expect(stdout).toBe('renamed Work to Office\n');
    expect(api.sent('PATCH /friend-groups/fg-2')[0]?.body).toEqual({ name: 'Office' });
  });

  it('names the group it cannot find, with a hint', async () => {
    api.on('GET /friend-groups', [200, page([friendGroup()])]);
    const { code, stderr } = await cli(['friend-groups', 'delete', 'Nope']);
    expect(code).toBe(1);
    expect(stderr).toContain('error: you have no friend group named "Nope"\n');
    expect(stderr).toContain('imkit friend-groups list');
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('add sends each friend once and reports the server refusal with the field at fault', async () => {
    api.on('GET /friend-groups', [200, page([friendGroup()])]);
    api.on('GET /users/by-username/:name', [200, profile()]);
    api.on('POST /friend-groups/:id/members', [
      422,
      problem(422, 'friend_group.not_friend', 'Only friends can be put in a friend group.', [
        { pointer: '/body/user_ids/0', detail: 'is not your friend' },
      ]),
    ]);
    const { code, stderr } = await cli(['friend-groups', 'add', 'climbing club', 'bob', 'BOB']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/\(friend_group\.not_friend\)/);
    expect(stderr).toContain('/body/user_ids/0');
    expect(api.sent('POST /friend-groups/fg-1/members')[0]?.body).toEqual({ user_ids: ['u-bob'] });
  });

  it('list says how to start when there are none', async () => {
    api.on('GET /friend-groups', [200, page([])]);
    expect((await cli(['friend-groups', 'list'])).stdout).toBe(
      'no friend groups yet: create one with `imkit friend-groups create <name>`\n',
    );
  });
});
