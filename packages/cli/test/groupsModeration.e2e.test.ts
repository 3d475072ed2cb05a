import type { Group, GroupAnnouncement, GroupMember } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { TIME_PATTERN } from './harness.js';
import { groupTestServer } from './support/groupTestServer.js';
import { ok } from './support/realServer.js';

const t = groupTestServer();

/** `username`'s membership, as `imkit groups members --json` shows it to `viewer`. */
async function memberOf(viewer: Parameters<typeof ok>[0], group: string, username: string) {
  const members = JSON.parse(
    await ok(viewer, ['groups', 'members', group, '--json']),
  ) as GroupMember[];
  return members.find((member) => member.user.username === username);
}

describe('imkit groups moderation against the real server (issue 9)', () => {
  it("mute --for: the member's send says they are muted and until when; unmute lets them send", async () => {
    const { ann, ben, cat } = await t.groupOfThree('m1', 'Quiet');
    const before = Date.now();
    const muted = await ok(ann, ['groups', 'mute', 'Quiet', ben.username, '--for', '10m']);
    const after = Date.now();
    expect(muted).toMatch(new RegExp(`^muted ${ben.username} in #Quiet until ${TIME_PATTERN}\\n$`));
    const member = await memberOf(cat, 'Quiet', ben.username);
    expect(member).toMatchObject({ muted: true, muted_until: expect.any(String) });
    // 10m is 600 s from when the server took the request (same clock; ms may be truncated).
    const until = Date.parse(member?.muted_until ?? '');
    expect(until).toBeGreaterThanOrEqual(before - 1000 + 600_000);
    expect(until).toBeLessThanOrEqual(after + 600_000);

    const refused = await ben.run(['send', '#Quiet', 'hello?']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `error: You are muted in this group until ${member?.muted_until}. (group.member_muted)\n`,
    );
    expect(await ok(ann, ['groups', 'members', 'Quiet'])).toContain(
      `${ben.username}  member  muted until `,
    );

    expect(await ok(ann, ['groups', 'unmute', 'Quiet', ben.username])).toBe(
      `unmuted ${ben.username} in #Quiet\n`,
    );
    await ok(ben, ['send', '#Quiet', 'thanks']);
  });

  it('a member may not mute, kick or promote: refused with the server message', async () => {
    const { ben, cat } = await t.groupOfThree('m2', 'Flat');
    for (const args of [
      ['groups', 'mute', 'Flat', cat.username],
      ['groups', 'kick', 'Flat', cat.username],
      ['groups', 'role', 'Flat', cat.username, 'admin'],
      ['groups', 'mute-all', 'Flat', 'on'],
      ['groups', 'dismiss', 'Flat'],
    ]) {
      const refused = await ben.run(args);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^error: .+ \(group\.permission_denied\)\n$/);
    }
    expect(await memberOf(ben, 'Flat', cat.username)).toMatchObject({
      role: 'member',
      muted: false,
    });
  });

  it('role, nick and kick change the member list', async () => {
    const { ann, ben, cat } = await t.groupOfThree('m3', 'Ranks');
    expect(await ok(ann, ['groups', 'role', 'Ranks', ben.username, 'admin'])).toBe(
      `${ben.username} is now admin of #Ranks\n`,
    );
    expect(await ok(cat, ['groups', 'nick', 'Ranks', 'Kitty'])).toBe(
      'your nickname in #Ranks is "Kitty"\n',
    );
    expect((await ok(ann, ['groups', 'members', 'Ranks'])).trimEnd().split('\n')).toEqual([
      `${ann.username}  owner`,
      `${ben.username}  admin`,
      `${cat.username}  member  "Kitty"`,
    ]);
    // An admin removes a plain member, who no longer finds the group among theirs.
    expect(await ok(ben, ['groups', 'kick', 'Ranks', cat.username])).toBe(
      `removed ${cat.username} from #Ranks\n`,
    );
    expect(await memberOf(ann, 'Ranks', cat.username)).toBeUndefined();
    const gone = await cat.run(['send', '#Ranks', 'still here?']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('none of your groups is named "Ranks"');
  });

  it('transfer, leave and dismiss', async () => {
    const { ann, ben, cat, group } = await t.groupOfThree('m4', 'Shop');
    const ownerCannotLeave = await ann.run(['groups', 'leave', 'Shop']);
    expect(ownerCannotLeave.code).toBe(1);
    expect(ownerCannotLeave.stderr).toContain('(group.owner_cannot_leave)');

    expect(await ok(ann, ['groups', 'transfer', 'Shop', ben.username])).toBe(
      `${ben.username} now owns #Shop; you are an admin\n`,
    );
    const shown = JSON.parse(await ok(ann, ['groups', 'show', 'Shop', '--json'])) as Group;
    expect(shown).toMatchObject({ my_role: 'admin', owner: { username: ben.username } });

    expect(await ok(cat, ['groups', 'leave', 'Shop'])).toBe('left #Shop\n');
    expect(JSON.parse(await ok(cat, ['groups', 'list', '--json']))).toEqual([]);

    const notOwner = await ann.run(['groups', 'dismiss', 'Shop']);
    expect(notOwner.code).toBe(1);
    expect(await ok(ben, ['groups', 'dismiss', `#${group.id}`])).toBe('dismissed #Shop\n');
    expect(JSON.parse(await ok(ann, ['groups', 'list', '--json']))).toEqual([]);
  });

  it('announce (owner or admin; - reads stdin) and announcements, newest first', async () => {
    const { ann, ben } = await t.groupOfThree('m5', 'News');
    expect(await ok(ben, ['groups', 'announcements', 'News'])).toBe('no announcements\n');
    expect(await ok(ann, ['groups', 'announce', 'News', 'meet', 'at', '7'])).toBe(
      'announced in #News\n',
    );
    await ok(ann, ['groups', 'announce', '#News', '-'], 'bring\nropes\n');
    const refused = await ben.run(['groups', 'announce', 'News', 'me too']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\(group\.permission_denied\)\n$/);
    const listed = JSON.parse(
      await ok(ben, ['groups', 'announcements', 'News', '--json']),
    ) as GroupAnnouncement[];
    expect(listed.map((a) => [a.author.username, a.content])).toEqual([
      [ann.username, 'bring\nropes'],
      [ann.username, 'meet at 7'],
    ]);
    const lines = (await ok(ben, ['groups', 'announcements', 'News'])).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^\\[[^\\]]+\\] ${ann.username}: meet at 7$`));
  });
});
