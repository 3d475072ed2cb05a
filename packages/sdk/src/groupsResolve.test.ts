import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type RecordedCall } from '../test/fakeFetch.js';
import { createImkitClient } from './createImkitClient.js';
import { iterateGroupMembers } from './groupsMembers.js';
import { GroupReferenceError } from './groupsReferenceError.js';
import { resolveGroup } from './groupsResolve.js';

const owner = { id: 'u1', username: 'alice', nickname: null, avatar_url: null, deleted: false };

function group(id: string, name: string) {
  return {
    id,
    name,
    description: null,
    avatar_url: null,
    owner,
    member_count: 3,
    max_members: 500,
    muted_all: false,
    conversation_id: `c-${id}`,
    my_role: 'member',
    created_at: '2026-11-21T09:35:00.000Z',
    updated_at: '2026-11-21T09:35:00.000Z',
  };
}

/** Five groups, two pages of `limit` 3 when asked so; `after` cursors are indexes. */
const groups = [
  group('g1', 'Climbing'),
  group('g2', 'Book club'),
  group('g3', 'book club'),
  group('g4', 'Family'),
  group('g5', 'Work'),
];

function pageOf<T>(items: T[], call: RecordedCall, pageSize: number) {
  const start = Number(call.query.get('after') ?? 0);
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return { items: page, next_cursor: more ? String(start + pageSize) : null, has_more: more };
}

function clientOver(pageSize: number) {
  const fake = createFakeFetch((call) => {
    if (call.path === '/groups') return json(200, pageOf(groups, call, pageSize));
    const members = ['alice', 'bob', 'cy', 'dee', 'eve'].map((username, i) => ({
      group_id: 'g1',
      user: { ...owner, id: `u${i + 1}`, username },
      role: i === 0 ? 'owner' : 'member',
      nickname: null,
      muted: false,
      muted_until: null,
      joined_at: '2026-11-21T09:35:00.000Z',
    }));
    return json(200, pageOf(members, call, 2));
  });
  return { client: createImkitClient({ baseUrl: 'http://imkit.test', fetch: fake.fetch }), fake };
}

describe('resolveGroup', () => {
  it('finds a group by its exact id, on a later page', async () => {
    const { client, fake } = clientOver(3);
    expect((await resolveGroup(client, 'g5')).name).toBe('Work');
    expect(fake.calls.map((c) => c.query.get('after'))).toEqual([null, '3']);
  });

  it('finds the one group whose name matches, ignoring case', async () => {
    const { client } = clientOver(3);
    expect((await resolveGroup(client, 'FAMILY')).id).toBe('g4');
  });

  it('refuses a name several groups have, listing every candidate', async () => {
    const { client } = clientOver(3);
    const error = await resolveGroup(client, 'Book Club').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GroupReferenceError);
    const refused = error as GroupReferenceError;
    expect(refused.code).toBe('group.reference_ambiguous');
    expect(refused.candidates.map((g) => g.id)).toEqual(['g2', 'g3']);
    expect(refused.message).toContain('Book club (g2)');
    expect(refused.message).toContain('book club (g3)');
  });

  it('refuses a reference that names none of my groups', async () => {
    const { client } = clientOver(3);
    const error = await resolveGroup(client, 'Chess').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'group.reference_not_found', candidates: [] });
  });
});

describe('iterateGroupMembers', () => {
  it('yields every member across pages, in order', async () => {
    const { client, fake } = clientOver(3);
    const names: string[] = [];
    for await (const member of iterateGroupMembers(client, 'g1', { pageSize: 2 })) {
      names.push(member.user.username);
    }
    expect(names).toEqual(['alice', 'bob', 'cy', 'dee', 'eve']);
    expect(fake.calls.map((c) => [c.path, c.query.get('limit'), c.query.get('after')])).toEqual([
      ['/groups/g1/members', '2', null],
      ['/groups/g1/members', '2', '2'],
      ['/groups/g1/members', '2', '4'],
    ]);
  });
});
