import { describe, expect, it } from 'vitest';
import { type ChatProcess, startChat } from './support/chatProcess.js';
import { groupTestServer } from './support/groupTestServer.js';
import { befriendAll, registeredUser } from './support/realServer.js';

const t = groupTestServer();

/** Lines of `chat`'s stdout matching `pattern`. */
const linesOf = (chat: ChatProcess, pattern: RegExp) =>
  chat
    .stdout()
    .split('\n')
    .filter((line) => pattern.test(line));

describe('two people in imkit chat (issue 10, done when)', () => {
  it("each sees the other's typing, replies, edits, reactions and recalls, and presence, live", async () => {
    const [ada, bo] = await Promise.all(
      ['ada', 'bo'].map((name) => registeredUser(t.url, `chl_${name}`)),
    );
    await befriendAll([ada!, bo!]);
    // Ada is in first: she sees Bo come online.
    const adaChat = startChat(ada!, 'chl_bo');
    const adaIn = adaChat.waitFor('chatting with', 'stderr');
    // Bo starts once Ada is in; if she never gets in, the try below fails and ends both chats.
    await adaIn.catch(() => {});
    const boChat = startChat(bo!, 'chl_ada');
    const chats = [adaChat, boChat] as const;
    let boCode: number | undefined;
    try {
      await adaIn;
      await boChat.waitFor('chatting with', 'stderr');
      await adaChat.waitFor('* chl_bo is online\n', 'stderr');

      // Typing shows on the other side before the line is entered; then the message.
      adaChat.keys('hel');
      await boChat.waitFor('* chl_ada is typing...\n', 'stderr');
      adaChat.type('lo there');
      await boChat.waitFor('#1 [');
      await boChat.waitFor('chl_ada: hello there\n');

      // Bo replies to #1 (ada's message, #1 in both chats), typing it key by key.
      boChat.keys('/reply #1 hi');
      await adaChat.waitFor('* chl_bo is typing...\n', 'stderr');
      boChat.type(' ada');
      await adaChat.waitFor('#2 (reply to #1) [');
      await adaChat.waitFor('chl_bo: [↳ chl_ada: hello there] hi ada\n');
      adaChat.type('/reply #2 how are you?');
      await boChat.waitFor('#3 (reply to #2) [');

      // Edits: each edits their own message; the other sees the new text.
      adaChat.type('/edit #1 hello there, friend');
      await boChat.waitFor('chl_ada: hello there, friend (edited)\n');
      boChat.type('/edit #2 hi ada!');
      await adaChat.waitFor('chl_bo: [↳ chl_ada: hello there, friend] hi ada! (edited)\n');
      expect(linesOf(boChat, /^#1 edited: /)).toHaveLength(1);

      // Reactions: each reacts to the other's message.
      boChat.type('/react #1 👍');
      await adaChat.waitFor('#1 chl_bo reacted 👍 (1)\n');
      adaChat.type('/react #2 🎉');
      await boChat.waitFor('#2 chl_ada reacted 🎉 (1)\n');

      // Recalls: each recalls a message of their own.
      adaChat.type('/recall #3');
      await boChat.waitFor('#3 recalled: [');
      boChat.type('/recall #2');
      await adaChat.waitFor('#2 recalled: [');
      expect(linesOf(adaChat, /^#2 recalled: /)[0]).toMatch(/ chl_bo: .*message recalled$/);
      expect(linesOf(boChat, /^#3 recalled: /)[0]).toMatch(/ chl_ada: .*message recalled$/);

      // Bo leaves: Ada sees him go offline.
      boCode = await boChat.end();
      await adaChat.waitFor('* chl_bo went offline (last seen ', 'stderr');
    } finally {
      const codes = await Promise.all([adaChat.end(), boCode ?? boChat.end()]);
      expect(codes).toEqual([0, 0]);
    }
    // Each change shows once on each side, whether it came as an answer or live.
    for (const chat of chats) {
      expect(linesOf(chat, /^#1 edited: /)).toHaveLength(1);
      expect(linesOf(chat, /^#2 edited: /)).toHaveLength(1);
      expect(linesOf(chat, / reacted /)).toHaveLength(2);
      expect(linesOf(chat, /^#\d+ recalled: /)).toHaveLength(2);
    }
    expect(boChat.stdout()).toContain('#3 recalled: [');
    expect(adaChat.stdout()).not.toMatch(/chl_ada is typing/);
  }, 90_000);
});
