import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Message, MessageReceipts } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { TIME_PATTERN } from './harness.js';
import { groupTestServer } from './support/groupTestServer.js';
import { ok, type TerminalUser } from './support/realServer.js';

const t = groupTestServer();

/** The history lines of `user` in `target`, each as [short id, the rest after the sender]. */
async function historyOf(user: TerminalUser, target: string): Promise<[string, string][]> {
  const lines = (await ok(user, ['history', target])).trimEnd().split('\n');
  return lines.map((line) => {
    const match = new RegExp(`^\\[${TIME_PATTERN} ([0-9a-f]{6})\\] (.*)$`).exec(line);
    expect(match, line).not.toBeNull();
    return [match![1]!, match![2]!];
  });
}

describe('imkit message commands against the real server (issue 10)', () => {
  it('react, reply, edit, receipts and recall by the id history shows', async () => {
    const { ann, ben, cat } = await t.groupOfThree('m1', 'Crag');
    await ok(ann, ['send', '#Crag', 'Who brings the rope?']);
    const [[id, line]] = (await historyOf(ben, '#Crag')) as [[string, string]];
    expect(line).toBe(`${ann.username}: Who brings the rope?`);

    expect(await ok(ben, ['react', id, '👍'])).toBe('👍 1\n');
    expect(await ok(cat, ['react', `#Crag:${id}`, '👍'])).toBe('👍 2\n');
    expect(await ok(cat, ['unreact', id, '👍'])).toBe('👍 1\n');
    await ok(ben, ['send', '#Crag', '--reply', id, 'me']);
    expect(await ok(ann, ['edit', id, 'Who brings the 70 m rope?'])).toMatch(
      new RegExp(
        `^\\[[^\\]]+ ${id}\\] ${ann.username}: Who brings the 70 m rope\\? \\(edited\\)  👍 1\n$`,
      ),
    );
    const history = await historyOf(cat, '#Crag');
    expect(history.map(([, rest]) => rest)).toEqual([
      `${ann.username}: Who brings the 70 m rope? (edited)  👍 1`,
      `${ben.username}: [↳ ${ann.username}: Who brings the 70 m rope?] me`,
    ]);

    // Ben's reply moved his read position past the question; Cat has read nothing yet.
    const messages = JSON.parse(await ok(ann, ['history', '#Crag', '--json'])) as Message[];
    const receipts = JSON.parse(await ok(ann, ['receipts', id, '--json'])) as MessageReceipts;
    expect(receipts).toMatchObject({ message_id: messages[0]?.id, read_count: 1, unread_count: 1 });
    expect(await ok(ann, ['receipts', id])).toMatch(
      new RegExp(`^read by 1 of 2\n  ${ben.username}  ${TIME_PATTERN}\n$`),
    );

    expect(await ok(ann, ['recall', id])).toMatch(/ message recalled\n$/);
    const after = await historyOf(cat, '#Crag');
    expect(after.map(([, rest]) => rest)).toEqual([
      `${ann.username}: message recalled`,
      `${ben.username}: [↳ ${ann.username}: message removed] me`,
    ]);
  });

  it('refuses what the server refuses, and deletes for me or, as the owner, for everyone', async () => {
    const { ann, ben, cat } = await t.groupOfThree('m2', 'Gym');
    await ok(ben, ['send', '#Gym', 'ben was here']);
    await ok(cat, ['send', '#Gym', 'cat too']);
    const [[benId], [catId]] = (await historyOf(ann, '#Gym')) as [
      [string, string],
      [string, string],
    ];

    const edit = await ann.run(['edit', benId, 'ann was here']);
    expect([edit.code, edit.stderr]).toEqual([
      1,
      expect.stringMatching(/\(message\.not_sender\)\n$/),
    ]);
    const recall = await cat.run(['recall', benId]);
    expect([recall.code, recall.stderr]).toEqual([
      1,
      expect.stringMatching(/\(message\.not_sender\)\n$/),
    ]);
    const moderate = await cat.run(['delete', benId, '--everyone']);
    expect([moderate.code, moderate.stderr]).toEqual([
      1,
      expect.stringMatching(/\(message\.not_allowed\)\n$/),
    ]);
    const unknown = await ann.run(['react', 'ffffff', '👍']);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'error: no recent message has the id ffffff\n',
    ]);

    expect(await ok(ann, ['delete', benId, '--everyone'])).toMatch(/ message deleted\n$/);
    expect(await ok(ben, ['delete', catId])).toBe('deleted for you\n');
    expect((await historyOf(ben, '#Gym')).map(([, rest]) => rest)).toEqual([
      `${ben.username}: message deleted`,
    ]);
    expect((await historyOf(cat, '#Gym')).map(([, rest]) => rest)).toEqual([
      `${ben.username}: message deleted`,
      `${cat.username}: cat too`,
    ]);
  });

  it('send --file --reply uploads the file as a reply, then sends the text', async () => {
    const { ann, ben } = await t.groupOfThree('m3', 'Hut');
    await ok(ben, ['send', '#Hut', 'what do we pack?']);
    const [[question]] = (await historyOf(ann, '#Hut')) as [[string, string]];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-cli-reply-'));
    const file = path.join(dir, 'packing.txt');
    fs.writeFileSync(file, 'rope, chalk\n');
    const sent = JSON.parse(
      await ok(ann, ['send', '#Hut', '--file', file, '--reply', question, 'the list', '--json']),
    ) as Message[];
    expect(sent.map((m) => m.content.type)).toEqual(['file', 'text']);
    expect(sent[0]?.reply_to?.id.endsWith(question)).toBe(true);
    expect(sent[1]?.reply_to).toBeNull();
    expect(sent[0]?.reply_to).toMatchObject({ excerpt: 'what do we pack?' });
    expect((await historyOf(ben, '#Hut')).map(([, rest]) => rest)).toEqual([
      `${ben.username}: what do we pack?`,
      `${ann.username}: [↳ ${ben.username}: what do we pack?] [file packing.txt]`,
      `${ann.username}: the list`,
    ]);
  });
});
