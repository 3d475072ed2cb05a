// imkit search, pin, unpin, mute, unmute, hide and clear against the real reference server
// (issue 10), on the backend the test run chose.
import type { Conversation, ConversationSettings, Message, SearchResults } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { groupTestServer } from './support/groupTestServer.js';
import { ok } from './support/realServer.js';

const t = groupTestServer();

/** The conversations of `imkit inbox --json`. */
const inbox = async (user: Parameters<typeof ok>[0]) =>
  JSON.parse(await ok(user, ['inbox', '--json'])) as Conversation[];

describe('imkit conversation commands against the real server (issue 10)', () => {
  it('search finds Chinese text in a group and a direct chat, newest first, with --from', async () => {
    const { ann, ben, cat } = await t.groupOfThree('s1', 'Hikers');
    await ok(ann, ['send', '#Hikers', '我们明天去爬山吧']);
    await ok(ben, ['send', '#Hikers', '爬山太累了']);
    await ok(cat, ['send', '#Hikers', '今天下雨']);
    const two = JSON.parse(await ok(cat, ['search', '#Hikers', '爬山', '--json'])) as Message[];
    expect(two.map((m) => (m.content as { text: string }).text)).toEqual([
      '爬山太累了',
      '我们明天去爬山吧',
    ]);
    const three = await ok(cat, ['search', '#hikers', '去爬山']);
    expect(three).toMatch(new RegExp(`^\\[[^\\]]+\\] ${ann.username}: 我们明天去爬山吧\\n$`));
    const fromBen = JSON.parse(
      await ok(ann, ['search', '#Hikers', '爬山', '--from', ben.username, '--json']),
    ) as Message[];
    expect(fromBen.map((m) => m.sender.username)).toEqual([ben.username]);
    const future = await ok(ann, ['search', '#Hikers', '爬山', '--since', '2999-01-01']);
    expect(future).toBe('no messages with #Hikers match\n');
    await ok(ann, ['send', ben.username, 'see you at the wall']);
    expect(await ok(ben, ['search', ann.username, 'WALL'])).toContain('see you at the wall');
  });

  it('search <text> alone finds users and groups', async () => {
    const { ann, ben, group } = await t.groupOfThree('s2', 'Boulderers');
    const found = JSON.parse(await ok(ann, ['search', 's2_', '--json'])) as SearchResults;
    expect(found.users.items.map((u) => u.username)).toContain(ben.username);
    const lines = await ok(ben, ['search', 'Boulderers']);
    expect(lines).toContain(`#Boulderers  ${group.id}  3 members  (member)`);
  });

  it('pin, mute --for, unmute, unpin change the inbox of the caller only', async () => {
    const { ann, ben } = await t.groupOfThree('s3', 'Cavers');
    await ok(ben, ['send', ann.username, 'hi ann']);
    await ok(ben, ['send', '#Cavers', 'newer, in the group']);
    // The direct chat is older; pinned, it comes first.
    expect((await inbox(ann))[0]?.group?.name).toBe('Cavers');
    expect(await ok(ann, ['pin', ben.username])).toBe(`pinned ${ben.username}\n`);
    const pinned = await inbox(ann);
    expect(pinned.map((c) => [c.peer?.username ?? c.group?.name, c.pinned])).toEqual([
      [ben.username, true],
      ['Cavers', false],
    ]);
    expect((await ok(ann, ['inbox'])).split('\n')[0]).toMatch(
      new RegExp(`^pinned  ${ben.username}  1 unread`),
    );

    const muted = JSON.parse(
      await ok(ann, ['mute', '#Cavers', '--for', '2h', '--json']),
    ) as ConversationSettings;
    expect(muted.muted).toBe(true);
    expect(Date.parse(muted.muted_until!)).toBeGreaterThan(Date.now() + 7_000_000);
    expect((await ok(ann, ['inbox'])).split('\n')[1]).toMatch(
      /#Cavers {2}1 unread {2}muted until /,
    );
    expect(await ok(ann, ['mute', '#Cavers'])).toBe('muted #Cavers until you unmute\n');
    expect(await ok(ann, ['unmute', '#Cavers'])).toBe('unmuted #Cavers\n');
    expect(await ok(ann, ['unpin', ben.username])).toBe(`unpinned ${ben.username}\n`);
    expect((await inbox(ann)).every((c) => !c.pinned && !c.muted)).toBe(true);
    // Ben's inbox never changed.
    expect((await inbox(ben)).every((c) => !c.pinned && !c.muted)).toBe(true);
    // The server refuses a mute shorter than a minute.
    const short = await ann.run(['mute', '#Cavers', '--for', '30s']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('validation.failed');
  });

  it('hide takes a chat out of the inbox until the next message; clear empties my history only', async () => {
    const { ann, ben } = await t.groupOfThree('s4', 'Divers');
    await ok(ben, ['send', '#Divers', 'first']);
    expect(await ok(ann, ['hide', '#Divers'])).toBe('hid #Divers until a new message arrives\n');
    expect((await inbox(ann)).map((c) => c.group?.name)).not.toContain('Divers');
    await ok(ben, ['send', '#Divers', 'second']);
    expect((await inbox(ann)).map((c) => c.group?.name)).toContain('Divers');

    const refused = await ann.run(['clear', '#Divers']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await ok(ann, ['clear', '#Divers', '--yes'])).toBe(
      'cleared your history with #Divers\n',
    );
    expect(JSON.parse(await ok(ann, ['history', '#Divers', '--json']))).toEqual([]);
    expect(JSON.parse(await ok(ben, ['history', '#Divers', '--json']))).toHaveLength(2);
    expect(await ok(ann, ['search', '#Divers', 'first'])).toBe('no messages with #Divers match\n');
  });
});
