import type { Block, Friend, FriendGroup, UserProfile, UserSummary } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { groupTestServer } from './support/groupTestServer.js';
import { befriendAll, ok, registeredUser } from './support/realServer.js';

const t = groupTestServer();

/** Three users `<prefix>_ann/_ben/_cat`; ann and ben are friends, cat is a stranger. */
async function people(prefix: string) {
  const [ann, ben, cat] = await Promise.all(
    ['ann', 'ben', 'cat'].map((n) => registeredUser(t.url, `${prefix}_${n}`)),
  );
  await befriendAll([ann!, ben!]);
  return { ann: ann!, ben: ben!, cat: cat! };
}

describe('imkit users, friends and friend-groups against the real server', () => {
  it('users search and show: public profile, friend flag, remark for its author only', async () => {
    const { ann, ben, cat } = await people('s1');
    expect(await ok(ann, ['users', 'search', 's1_'])).toBe(
      `${ben.username}  friend\n${cat.username}\n`,
    );
    const hits = JSON.parse(await ok(cat, ['users', 'search', 's1_', '--json'])) as UserSummary[];
    expect(hits.map((u) => [u.username, u.is_friend])).toEqual([
      [ann.username, false],
      [ben.username, false],
    ]);
    expect(await ok(ann, ['friends', 'remark', ben.username, 'Benny'])).toBe(
      `${ben.username} is "Benny" to you\n`,
    );
    const shown = await ok(ann, ['users', 'show', ben.username.toUpperCase()]);
    expect(shown).toContain(`  you:      friend, your remark "Benny", offline\n`);
    expect(shown).not.toMatch(/@|email|phone/);
    const fromBen = JSON.parse(
      await ok(ben, ['users', 'show', ann.username, '--json']),
    ) as UserProfile;
    expect(fromBen).toMatchObject({ is_friend: true, remark: null });
    const missing = await ann.run(['users', 'show', 'nobody_s1']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no user named "nobody_s1"');
    expect(await ok(ann, ['friends', 'remark', ben.username, '--clear'])).toBe(
      `removed your remark for ${ben.username}\n`,
    );
    const both = await ann.run(['friends', 'remark', ben.username, 'x', '--clear']);
    expect(both.code).toBe(2);
  });

  it('friends block, blocked, unblock: messages refused meanwhile, then restored', async () => {
    const { ann, ben, cat } = await people('s2');
    await ok(ann, ['send', ben.username, 'hi ben']);
    expect(await ok(ben, ['friends', 'block', ann.username])).toContain(`blocked ${ann.username}`);
    const refused = await ann.run(['send', ben.username, 'still there?']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\(message\.blocked\)\n$/);
    const request = await cat.run(['friends', 'add', ben.username]);
    expect(request.code).toBe(0);
    await ok(ben, ['friends', 'block', cat.username]);
    const fromBen = await ben.run(['friends', 'add', cat.username]);
    expect(fromBen.code).toBe(1);
    expect(fromBen.stderr).toMatch(/\(friend_request\.blocked\)\n$/);
    const blocked = JSON.parse(await ok(ben, ['friends', 'blocked', '--json'])) as Block[];
    expect(blocked.map((b) => b.user.username)).toEqual([cat.username, ann.username]);
    expect(await ok(ben, ['friends', 'blocked'])).toMatch(
      new RegExp(`^${cat.username}  since .+\n${ann.username}  since .+\n$`),
    );
    const twice = await ben.run(['friends', 'block', ann.username]);
    expect(twice.stderr).toMatch(/\(block\.already_blocked\)\n$/);
    expect(await ok(ben, ['friends', 'unblock', ann.username])).toBe(`unblocked ${ann.username}\n`);
    await ok(ann, ['send', ben.username, 'back again']);
    const notBlocked = await ben.run(['friends', 'unblock', ann.username]);
    expect(notBlocked.code).toBe(1);
    expect(notBlocked.stderr).toMatch(/\(block\.not_found\)\n$/);
  });

  it('friend-groups: create, add, show, rename, remove, delete, with the refusals', async () => {
    const { ann, ben, cat } = await people('s3');
    expect(await ok(ann, ['friend-groups', 'list'])).toContain('no friend groups yet');
    expect(await ok(ann, ['friend-groups', 'create', 'Climbing club', ben.username])).toBe(
      'created Climbing club  1 friend\n',
    );
    const duplicate = await ann.run(['friend-groups', 'create', 'climbing CLUB']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/\(friend_group\.name_taken\)/);
    const stranger = await ann.run(['friend-groups', 'add', 'climbing club', cat.username]);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/\(friend_group\.not_friend\)/);
    expect(stranger.stderr).toContain('/body/user_ids/0');
    await befriendAll([ann, cat]);
    expect(
      await ok(ann, ['friend-groups', 'add', 'climbing club', cat.username, ben.username]),
    ).toBe('now Climbing club  2 friends\n');
    expect(await ok(ann, ['friend-groups', 'show', 'CLIMBING club'])).toBe(
      `Climbing club  2 friends\n  ${ben.username}  offline\n  ${cat.username}  offline\n`,
    );
    await ok(ann, ['friend-groups', 'rename', 'climbing club', 'Crag crew']);
    const listed = JSON.parse(await ok(ann, ['friend-groups', 'list', '--json'])) as FriendGroup[];
    expect(listed.map((g) => [g.name, g.member_count])).toEqual([['Crag crew', 2]]);
    expect(await ok(ann, ['friend-groups', 'remove', 'crag crew', ben.username])).toBe(
      `took ${ben.username} out of Crag crew\n`,
    );
    const again = await ann.run(['friend-groups', 'remove', 'crag crew', ben.username]);
    expect(again.stderr).toMatch(/\(friend_group\.member_not_found\)/);
    const unknown = await ann.run(['friend-groups', 'show', 'Nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('you have no friend group named "Nope"');
    // Ben's own list does not show Ann's categories.
    expect(JSON.parse(await ok(ben, ['friend-groups', 'list', '--json']))).toEqual([]);
    // Removing a friend takes them out of every category.
    await ok(ann, ['friend-groups', 'add', 'crag crew', ben.username]);
    expect(await ok(ann, ['friends', 'remove', ben.username])).toBe(
      `${ben.username} is no longer your friend\n`,
    );
    const members = JSON.parse(
      await ok(ann, ['friend-groups', 'show', 'crag crew', '--json']),
    ) as FriendGroup & { members: Friend[] };
    expect(members.members.map((f) => f.user.username)).toEqual([cat.username]);
    const refused = await ann.run(['send', ben.username, 'hello?']);
    expect(refused.stderr).toMatch(/\(conversation\.not_friends\)\n$/);
    expect(await ok(ann, ['friend-groups', 'delete', 'crag crew'])).toBe(
      'deleted Crag crew; its friends stay your friends\n',
    );
    const friends = JSON.parse(await ok(ann, ['friends', 'list', '--json'])) as Friend[];
    expect(friends.map((f) => f.user.username)).toEqual([cat.username]);
  });
});
