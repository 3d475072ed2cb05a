import type { Group } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { startChat } from './support/chatProcess.js';
import { groupTestServer } from './support/groupTestServer.js';
import { befriendAll, ok, registeredUser, type TerminalUser } from './support/realServer.js';

const t = groupTestServer();

describe("three people in imkit chat '#<group>' (issue 9, done when)", () => {
  it("each sees the others' lines, live, with the sender's name", async () => {
    const users = await Promise.all(
      ['ada', 'bo', 'cy'].map((name) => registeredUser(t.url, `live_${name}`)),
    );
    await befriendAll(users);
    const [ada, bo, cy] = users as [TerminalUser, TerminalUser, TerminalUser];
    const group = JSON.parse(
      await ok(ada, ['groups', 'create', 'Crew', '--members', 'live_bo,live_cy', '--json']),
    ) as Group;

    // By name for two of them, by id for the third.
    const chats = [
      startChat(ada, '#Crew'),
      startChat(bo, '#crew'),
      startChat(cy, `#${group.id}`),
    ] as const;
    try {
      // Each is connected (realtime first, then history) once it says who it chats with.
      await Promise.all(chats.map((chat) => chat.waitFor('chatting with #Crew', 'stderr')));
      for (const [i, chat] of chats.entries()) chat.type(`hello from ${users[i]?.username}`);
      // Every chat shows every line (the others' can only have come live: history was shown
      // before the prompt), as `[time] <sender>: <text>`.
      for (const chat of chats) {
        for (const other of users) {
          await chat.waitFor(`] ${other.username}: hello from ${other.username}\n`);
        }
      }
      // A second round, typed one after another, arrives everywhere too.
      chats[1].type('second from bo');
      await Promise.all(chats.map((chat) => chat.waitFor('live_bo: second from bo\n')));

      // Membership shows in the chats: an announcement, then cy removed. Cy is told, and what
      // cy types now is refused (and reaches nobody).
      await ok(ada, ['groups', 'announce', 'Crew', 'last', 'round']);
      await Promise.all(
        chats.map((chat) => chat.waitFor('* announcement by live_ada: last round\n', 'stderr')),
      );
      await ok(ada, ['groups', 'kick', 'Crew', 'live_cy']);
      await chats[1].waitFor('* live_cy was removed by live_ada\n', 'stderr');
      await chats[2].waitFor(
        '* you were removed by live_ada; you can no longer send here\n',
        'stderr',
      );
      chats[2].type('am I still here?');
      await chats[2].waitFor('(conversation.disabled)\n', 'stderr');
      chats[0].type('bye cy');
      await chats[1].waitFor('live_ada: bye cy\n');
    } finally {
      const codes = await Promise.all(chats.map((chat) => chat.end()));
      // Cy's chat exits 1: one of its lines could not be sent.
      expect(codes).toEqual([0, 0, 1]);
    }
    expect(chats[1].stdout()).not.toContain('am I still here?');
    expect(chats[2].stdout()).not.toContain('bye cy');
    // Each line is shown once in each chat.
    for (const chat of chats) {
      for (const user of users) {
        expect(chat.stdout().split(`${user.username}: hello from`).length - 1).toBe(1);
      }
    }
  }, 60_000);
});
