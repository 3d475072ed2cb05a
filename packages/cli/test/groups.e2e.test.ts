import type { Conversation, Group, GroupMember, Message } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { TIME_PATTERN } from './harness.js';
import { groupTestServer } from './support/groupTestServer.js';
import { ok, registeredUser } from './support/realServer.js';

const t = groupTestServer();

describe('imkit groups against the real server (issue 9)', () => {
  it('create, list and show a group; members lists owner first', async () => {
    const { ann, ben, group } = await t.groupOfThree('g1', 'Climbing');
    expect(group).toMatchObject({ name: 'Climbing', member_count: 3, my_role: 'owner' });

    const listed = JSON.parse(await ok(ben, ['groups', 'list', '--json'])) as Group[];
    expect(listed.map((g) => [g.id, g.my_role])).toEqual([[group.id, 'member']]);
    expect(await ok(ben, ['groups', 'list'])).toBe(
      `#Climbing  ${group.id}  3 members  you: member\n`,
    );

    const shown = await ok(ben, ['groups', 'show', 'climbing']);
    expect(shown).toContain('#Climbing\n');
    expect(shown).toContain(`  id:           ${group.id}\n`);
    expect(shown).toContain('  description:  rocks and ropes\n');
    expect(shown).toContain(`  owner:        ${ann.username}\n`);
    expect(shown).toContain('  members:      3 of at most 500\n');
    expect(JSON.parse(await ok(ann, ['groups', 'show', `#${group.id}`, '--json']))).toMatchObject({
      id: group.id,
      my_role: 'owner',
    });
  });

  it("send '#group' reaches the group, history '#group' shows each sender", async () => {
    const { ann, ben, cat } = await t.groupOfThree('g2', 'Band');
    expect(await ok(ben, ['send', '#Band', 'practice', 'at', '7'])).toMatch(
      new RegExp(`^sent to #Band \\[${TIME_PATTERN}\\]\n$`),
    );
    await ok(cat, ['send', '#band', 'I bring the drums']);
    const history = JSON.parse(await ok(ann, ['history', '#Band', '--json'])) as Message[];
    expect(history.map((m) => [m.sender.username, (m.content as { text: string }).text])).toEqual([
      [ben.username, 'practice at 7'],
      [cat.username, 'I bring the drums'],
    ]);
    const lines = (await ok(ann, ['history', '#Band'])).trimEnd().split('\n');
    expect(lines.map((line) => line.replace(/^\[[^\]]+\] /, ''))).toEqual([
      `${ben.username}: practice at 7`,
      `${cat.username}: I bring the drums`,
    ]);
  });

  it('inbox shows the group and the direct chat with their own unread counts', async () => {
    const { ann, ben, cat } = await t.groupOfThree('g3', 'Trip');
    await ok(ann, ['send', '#Trip', 'one']);
    // Typed into chat, a @member mention counts as one for that member.
    await ok(ann, ['chat', '#Trip'], `two\n@${cat.username} three\n/quit\n`);
    // A plain member may not mention all: refused with the server's message, nothing sent.
    const mentionAll = await ben.run(['send', '#Trip', '@all four']);
    expect(mentionAll.code).toBe(1);
    expect(mentionAll.stderr).toMatch(/\(message\.mention_all_forbidden\)\n$/);
    await ok(ben, ['send', '#Trip', 'four']);
    await ok(ben, ['send', cat.username, 'just for you']);

    const inbox = JSON.parse(await ok(cat, ['inbox', '--json'])) as Conversation[];
    const counts = inbox.map((c) => [
      c.type,
      c.group?.name ?? c.peer?.username,
      c.unread_count,
      c.unread_mention_count,
    ]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['group', 'Trip', 4, 1],
        ['direct', ben.username, 1, 0],
      ]),
    );
    expect(inbox).toHaveLength(2);
    const lines = (await ok(cat, ['inbox'])).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(/^#Trip {2}4 unread {2}1 mention {2}\[.*\] .*: four$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${ben.username} {2}1 unread {2}\\[.*\\] .*: just for you$`),
      ),
    );

    // Reading the group (chat marks what it shows) leaves only the direct chat unread.
    await ok(cat, ['chat', '#Trip'], '/quit\n');
    const after = JSON.parse(await ok(cat, ['inbox', '--json'])) as Conversation[];
    expect(after.map((c) => [c.type, c.unread_count]).sort()).toEqual([
      ['direct', 1],
      ['group', 0],
    ]);
    // Counting starts again from the read position: one new message is one unread.
    await ok(ann, ['send', '#Trip', 'five']);
    const later = JSON.parse(await ok(cat, ['inbox', '--json'])) as Conversation[];
    expect(later.map((c) => [c.type, c.unread_count]).sort()).toEqual([
      ['direct', 1],
      ['group', 1],
    ]);
  });

  it('an ambiguous group name fails listing every candidate; the id still works', async () => {
    const { ann, group } = await t.groupOfThree('g4', 'Family');
    const twin = JSON.parse(await ok(ann, ['groups', 'create', 'family', '--json'])) as Group;
    const refused = await ann.run(['send', '#Family', 'hello?']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('"Family" names 2 of your groups: ');
    expect(refused.stderr).toContain(`#${group.id} (Family)`);
    expect(refused.stderr).toContain(`#${twin.id} (family)`);
    expect(refused.stderr).toContain('hint: name the group by its id: #<id>');
    expect((await ann.run(['groups', 'show', 'family'])).code).toBe(1);
    await ok(ann, ['send', `#${twin.id}`, 'hello twin']);
    const history = JSON.parse(await ok(ann, ['history', `#${twin.id}`, '--json'])) as Message[];
    expect(history).toHaveLength(1);
  });

  it('a group that is not mine, and a refused action, exit non-zero with the reason', async () => {
    const { ann, ben, group } = await t.groupOfThree('g5', 'Quiet');
    const outsider = await registeredUser(t.url, 'g5_out');
    const notMine = await outsider.run(['send', `#${group.id}`, 'let me in']);
    expect(notMine.code).toBe(1);
    expect(notMine.stderr).toContain(`none of your groups is named "${group.id}" or has that id`);

    // The server refuses: a non-friend as a first member.
    const nonFriend = await ann.run(['groups', 'create', 'Other', '--members', outsider.username]);
    expect(nonFriend.code).toBe(1);
    expect(nonFriend.stderr).toContain('(group.invitee_not_friend)');

    // Muted for all: a plain member's send is refused with the server's message.
    expect(await ok(ann, ['groups', 'mute-all', 'Quiet', 'on'])).toBe(
      '#Quiet is muted: only the owner and admins may send\n',
    );
    const muted = await ben.run(['send', '#Quiet', 'can I talk?']);
    expect(muted.code).toBe(1);
    expect(muted.stdout).toBe('');
    expect(muted.stderr).toBe(
      'error: The group is muted: only the owner and admins may send. (group.muted_all)\n',
    );
    await ok(ann, ['send', '#Quiet', 'owners still can']);
    await ok(ann, ['groups', 'mute-all', 'Quiet', 'off']);
    await ok(ben, ['send', '#Quiet', 'now I can']);
  });

  it('members lists the owner first with --json and in lines', async () => {
    const { ann, ben, cat, group } = await t.groupOfThree('g6', 'Team');
    const members = JSON.parse(
      await ok(cat, ['groups', 'members', 'Team', '--json']),
    ) as GroupMember[];
    // The owner first; the two members joined at the same time, in the server's order.
    expect(members.map((m) => [m.user.username, m.role])[0]).toEqual([ann.username, 'owner']);
    expect(members.slice(1).map((m) => [m.user.username, m.role])).toEqual(
      expect.arrayContaining([
        [ben.username, 'member'],
        [cat.username, 'member'],
      ]),
    );
    expect(members).toHaveLength(3);
    expect(members.every((m) => m.group_id === group.id)).toBe(true);
    const lines = (await ok(cat, ['groups', 'members', '#Team'])).trimEnd().split('\n');
    expect(lines).toEqual(members.map((m) => `${m.user.username}  ${m.role}`));
  });
});
