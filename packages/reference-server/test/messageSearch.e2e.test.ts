// searchMessages (issue 10): text in the messages the caller may see (Chinese too, through a
// trigram index), by sender, time and type, newest first, with signed cursors; never what the
// caller deleted or cleared, never tombstones; members only.
import { newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../src/domain/clock.js';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The texts of a search's items, in the order answered. */
async function texts(
  user: TestUser,
  conversationId: string,
  query: Parameters<TestUser['client']['searchMessages']>[0]['query'],
): Promise<string[]> {
  const page = await user.client.searchMessages({
    path: { conversation_id: conversationId },
    query,
  });
  return page.items.map((m) => (m.content.type === 'text' ? m.content.text : m.content.type));
}

describe('searchMessages', () => {
  it('finds two and three Chinese characters, and only the messages that contain them', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(alice, conversationId, '我们明天去爬山吧');
    await sendText(bob, conversationId, '爬山太累了');
    await sendText(alice, conversationId, '今天下雨');
    await sendText(bob, conversationId, '山顶见');
    await sendText(alice, conversationId, '爬 山');
    // Two characters (no trigram): newest first.
    expect(await texts(alice, conversationId, { q: '爬山' })).toEqual([
      '爬山太累了',
      '我们明天去爬山吧',
    ]);
    // Three characters (through the trigram index).
    expect(await texts(bob, conversationId, { q: '去爬山' })).toEqual(['我们明天去爬山吧']);
    expect(await texts(bob, conversationId, { q: '山太累' })).toEqual(['爬山太累了']);
    // One character.
    expect(await texts(alice, conversationId, { q: '山' })).toEqual([
      '爬 山',
      '山顶见',
      '爬山太累了',
      '我们明天去爬山吧',
    ]);
    expect(await texts(alice, conversationId, { q: '下雪天' })).toEqual([]);
    expect(await texts(alice, conversationId, { q: '雪' })).toEqual([]);
  });

  it('ignores case, and matches wildcards and quotes literally', async () => {
    const { alice, conversationId } = await friendsWithConversation(t.url);
    for (const text of [
      'Meet at the WALL',
      'wallet lost',
      '100% sure',
      '1000 sure',
      'a_b',
      'ab',
      'say "hi"',
    ])
      await sendText(alice, conversationId, text);
    expect(await texts(alice, conversationId, { q: 'wall' })).toEqual([
      'wallet lost',
      'Meet at the WALL',
    ]);
    expect(await texts(alice, conversationId, { q: 'Wa' })).toEqual([
      'wallet lost',
      'Meet at the WALL',
    ]);
    expect(await texts(alice, conversationId, { q: '0%' })).toEqual(['100% sure']);
    expect(await texts(alice, conversationId, { q: '00% s' })).toEqual(['100% sure']);
    expect(await texts(alice, conversationId, { q: '_' })).toEqual(['a_b']);
    expect(await texts(alice, conversationId, { q: 'a_b' })).toEqual(['a_b']);
    expect(await texts(alice, conversationId, { q: '"hi"' })).toEqual(['say "hi"']);
    expect(await texts(alice, conversationId, { q: '%' })).toEqual(['100% sure']);
  });

  it('filters by sender id or name, time range and type, all combined', async () => {
    const { alice, bob, carol, group } = await groupCrew(t.url);
    const conversationId = group.conversation_id;
    await bob.client.updateMe({ body: { nickname: 'Bobby Tables' } });
    await carol.client.updateMyGroupMember({
      path: { group_id: group.id },
      body: { nickname: '小卡' },
    });
    await sendText(alice, conversationId, 'route one');
    const middle = nowIso();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sendText(bob, conversationId, 'route two');
    await sendText(carol, conversationId, 'route three');
    await bob.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'location', latitude: 48.8584, longitude: 2.2945, name: 'route four' },
      },
    });
    expect(await texts(alice, conversationId, { sender_id: bob.user.id })).toEqual([
      'location',
      'route two',
    ]);
    expect(await texts(alice, conversationId, { sender_name: 'tables' })).toEqual([
      'location',
      'route two',
    ]);
    expect(await texts(alice, conversationId, { sender_name: alice.username.slice(0, 6) })).toEqual(
      ['route one'],
    );
    expect(await texts(alice, conversationId, { sender_name: '卡' })).toEqual(['route three']);
    expect(await texts(alice, conversationId, { sender_name: '%' })).toEqual([]);
    expect(await texts(alice, conversationId, { type: 'location' })).toEqual(['location']);
    expect(await texts(alice, conversationId, { type: 'text', q: 'route' })).toEqual([
      'route three',
      'route two',
      'route one',
    ]);
    // Text search reads the text of text messages only, not a location's name.
    expect(await texts(alice, conversationId, { q: 'route four' })).toEqual([]);
    expect(await texts(alice, conversationId, { since: middle, q: 'route' })).toEqual([
      'route three',
      'route two',
    ]);
    expect(await texts(alice, conversationId, { until: middle, q: 'route' })).toEqual([
      'route one',
    ]);
    expect(
      await texts(alice, conversationId, { since: middle, sender_id: bob.user.id, type: 'text' }),
    ).toEqual(['route two']);
    expect(
      await failure(
        alice.client.searchMessages({
          path: { conversation_id: conversationId },
          query: { since: middle, until: middle },
        }),
      ),
    ).toEqual({ status: 422, code: 'validation.failed' });
  });

  it('pages newest first with cursors valid only for the same caller, conversation and query', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    for (let i = 1; i <= 5; i += 1) await sendText(alice, conversationId, `step ${i}`);
    await sendText(alice, conversationId, 'unrelated');
    const search = (user: TestUser, after?: string, q = 'step') =>
      user.client.searchMessages({
        path: { conversation_id: conversationId },
        query: { q, limit: 2, ...(after ? { after } : {}) },
      });
    const seen: string[] = [];
    let page = await search(alice);
    for (;;) {
      seen.push(...page.items.map((m) => (m.content.type === 'text' ? m.content.text : '')));
      if (!page.has_more) break;
      page = await search(alice, page.next_cursor!);
    }
    expect(seen).toEqual(['step 5', 'step 4', 'step 3', 'step 2', 'step 1']);
    expect(page.next_cursor).toBeNull();
    const first = await search(alice);
    expect(await failure(search(bob, first.next_cursor!))).toEqual({
      status: 422,
      code: 'cursor.invalid',
    });
    expect(await failure(search(alice, first.next_cursor!, 'ste'))).toEqual({
      status: 422,
      code: 'cursor.invalid',
    });
  });

  it('leaves out what the caller deleted for themselves or cleared, and tombstones; follows edits', async () => {
    const { alice, bob, conversationId } = await friendsWithConversation(t.url);
    await sendText(alice, conversationId, 'harbour old');
    await alice.client.clearConversationHistory({ path: { conversation_id: conversationId } });
    const hidden = await sendText(bob, conversationId, 'harbour hidden');
    const recalled = await sendText(bob, conversationId, 'harbour recalled');
    const deleted = await sendText(alice, conversationId, 'harbour deleted');
    const edited = await sendText(alice, conversationId, 'harbour before');
    const kept = await sendText(bob, conversationId, 'harbour kept');
    const message = (id: string) => ({ path: { message_id: id } });
    await alice.client.deleteMessageForMe(message(hidden.id));
    await bob.client.recallMessage(message(recalled.id));
    await alice.client.deleteMessageForEveryone(message(deleted.id));
    await alice.client.editMessage({
      ...message(edited.id),
      body: { content: { type: 'text', text: 'lighthouse after' } },
    });
    await alice.client.addReaction({ path: { message_id: kept.id, emoji: '👍' } });
    expect(await texts(alice, conversationId, { q: 'harbour' })).toEqual(['harbour kept']);
    expect(await texts(alice, conversationId, { q: 'ha' })).toEqual(['harbour kept']);
    expect(await texts(alice, conversationId, {})).toEqual(['harbour kept', 'lighthouse after']);
    expect(await texts(alice, conversationId, { type: 'tombstone' })).toEqual([]);
    expect(await texts(alice, conversationId, { q: 'lighthouse' })).toEqual(['lighthouse after']);
    expect(await texts(alice, conversationId, { q: 'before' })).toEqual([]);
    // A found message is shown as listMessages shows it: edited, with its reactions.
    const found = await alice.client.searchMessages({
      path: { conversation_id: conversationId },
      query: { q: 'o' },
    });
    expect(found.items.map((m) => m.id)).toEqual([kept.id, edited.id]);
    expect(found.items[0]!.reactions).toEqual([{ emoji: '👍', count: 1, reacted_by_me: true }]);
    expect(found.items[1]!.edited_at).not.toBeNull();
    // Bob cleared nothing and deleted nothing for himself: he still finds the old and hidden ones.
    expect(await texts(bob, conversationId, { q: 'harbour' })).toEqual([
      'harbour kept',
      'harbour hidden',
      'harbour old',
    ]);
  });

  it('answers members only: 404 for an outsider, a former member finds what came before leaving', async () => {
    const { alice, bob, dave, group } = await groupCrew(t.url);
    const conversationId = group.conversation_id;
    await sendText(alice, conversationId, 'summit before');
    await bob.client.leaveGroup({ path: { group_id: group.id } });
    await sendText(alice, conversationId, 'summit after');
    expect(await texts(alice, conversationId, { q: 'summit' })).toEqual([
      'summit after',
      'summit before',
    ]);
    expect(await texts(bob, conversationId, { q: 'summit' })).toEqual(['summit before']);
    expect(await texts(bob, conversationId, { q: 'su' })).toEqual(['summit before']);
    expect(
      await failure(
        dave.client.searchMessages({
          path: { conversation_id: conversationId },
          query: { q: 'summit' },
        }),
      ),
    ).toEqual({ status: 404, code: 'conversation.not_found' });
    const stranger = await registerUser(t.url, 'stranger');
    expect(
      await failure(
        stranger.client.searchMessages({ path: { conversation_id: 'nope' }, query: {} }),
      ),
    ).toEqual({ status: 404, code: 'conversation.not_found' });
  });
});
