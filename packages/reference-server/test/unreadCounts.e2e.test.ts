// getUnreadCounts (issue 9): every badge in one call, unread messages from read positions and
// the span of history each member sees, in a constant number of queries.
import { newClientMessageId, type UnreadCounts } from '@imkit/sdk';
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseSchema, GroupsTable } from '../src/db/DatabaseSchema.js';
import { nowIso } from '../src/domain/clock.js';
import { addGroupMembers, removeGroupMember } from '../src/domain/groupMembership.js';
import type { Emit } from '../src/domain/unitOfWork.js';
import { makeGroupAdmin } from './support/groupAdmin.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const NOTHING: UnreadCounts = {
  messages: 0,
  conversations: 0,
  mentions: 0,
  friend_requests: 0,
  group_join_requests: 0,
  group_invitations: 0,
  group_events: 0,
};

const send = (user: TestUser, conversationId: string, value: string) =>
  user.client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text: value } },
  });

const counts = (user: TestUser) => user.client.getUnreadCounts();

/** Runs `change` on the group's row inside a unit of work, as a group operation does. */
function inGroup(
  groupId: string,
  change: (trx: Transaction<DatabaseSchema>, emit: Emit, group: GroupsTable) => Promise<unknown>,
) {
  return t.server.services.work(async (trx, emit) => {
    const group = await trx
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', groupId)
      .executeTakeFirstOrThrow();
    await change(trx, emit, group);
  });
}

describe('unread counts', () => {
  it('answers zero for everything when nothing waits', async () => {
    const alice = await registerUser(t.url, 'alice');
    expect(await counts(alice)).toEqual(NOTHING);
  });

  it('counts pending friend requests received, not sent, until answered', async () => {
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(t.url, name)),
    );
    const fromBob = await bob!.client.sendFriendRequest({ body: { user_id: alice!.user.id } });
    const fromCarol = await carol!.client.sendFriendRequest({ body: { user_id: alice!.user.id } });
    expect(await counts(alice!)).toEqual({ ...NOTHING, friend_requests: 2 });
    expect((await counts(bob!)).friend_requests).toBe(0);
    await alice!.client.acceptFriendRequest({ path: { request_id: fromBob.id } });
    expect((await counts(alice!)).friend_requests).toBe(1);
    await alice!.client.rejectFriendRequest({ path: { request_id: fromCarol.id }, body: {} });
    expect((await counts(alice!)).friend_requests).toBe(0);
  });

  it('counts others’ unread messages over direct and group conversations, from read positions', async () => {
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(t.url, name)),
    );
    await befriend(alice!, bob!);
    await befriend(alice!, carol!);
    const direct = await alice!.client.openDirectConversation({ body: { user_id: bob!.user.id } });
    const group = await alice!.client.createGroup({
      body: { name: 'Climbers', member_ids: [bob!.user.id, carol!.user.id] },
    });
    await send(alice!, group.conversation_id, 'mine');
    await send(bob!, direct.id, 'one');
    await send(bob!, direct.id, 'two');
    await send(bob!, group.conversation_id, 'three');
    const last = await send(carol!, group.conversation_id, 'four');
    // Alice's own message is not unread for her; it is for Carol until she sends (a sender
    // has read what came before), and Bob has read up to his own.
    expect(await counts(alice!)).toMatchObject({ messages: 4, conversations: 2 });
    expect(await counts(bob!)).toMatchObject({ messages: 1, conversations: 1 });
    expect(await counts(carol!)).toMatchObject({ messages: 0, conversations: 0 });

    await alice!.client.markConversationRead({
      path: { conversation_id: group.conversation_id },
      body: { message_id: last.id },
    });
    expect(await counts(alice!)).toMatchObject({ messages: 2, conversations: 1 });
    // The badge agrees with the conversation list.
    const listed = await alice!.client.listConversations();
    expect(listed.items.reduce((sum, c) => sum + c.unread_count, 0)).toBe(2);
  });

  it('counts unread messages that mention the caller by name or @all', async () => {
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(t.url, name)),
    );
    await befriend(alice!, bob!);
    await befriend(alice!, carol!);
    const group = await alice!.client.createGroup({
      body: { name: 'Mentions', member_ids: [bob!.user.id, carol!.user.id] },
    });
    const mention = (user_ids: string[], all: boolean, value: string) =>
      alice!.client.sendMessage({
        path: { conversation_id: group.conversation_id },
        body: {
          client_message_id: newClientMessageId(),
          content: { type: 'text', text: value },
          mentions: { user_ids, all },
        },
      });
    await mention([bob!.user.id], false, '@bob rope?');
    const everyone = await mention([], true, '@all 9 sharp');
    await send(carol!, group.conversation_id, 'ok');
    expect(await counts(bob!)).toMatchObject({ messages: 3, mentions: 2 });
    // Carol read up to her own message: the @all before it is read.
    expect(await counts(carol!)).toMatchObject({ messages: 0, mentions: 0 });
    expect(await counts(alice!)).toMatchObject({ messages: 1, mentions: 0 });
    await bob!.client.markConversationRead({
      path: { conversation_id: group.conversation_id },
      body: { message_id: everyone.id },
    });
    expect(await counts(bob!)).toMatchObject({ messages: 1, mentions: 0 });
  });

  it('counts pending join requests and invitations to review, for the owner and admins only', async () => {
    const [alice, bob, carol, dave, erin] = await Promise.all(
      ['alice', 'bob', 'carol', 'dave', 'erin'].map((name) => registerUser(t.url, name)),
    );
    await befriend(alice!, bob!);
    await befriend(alice!, carol!);
    await befriend(carol!, dave!);
    const group = await alice!.client.createGroup({
      body: { name: 'Review', member_ids: [bob!.user.id, carol!.user.id] },
    });
    await makeGroupAdmin(t, group.id, bob!.user.id);
    // A plain member's invitation waits for review; so does a stranger's request to join.
    const invited = await carol!.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave!.user.id] },
    });
    const invitation = invited.results[0]!.invitation!;
    const request = await erin!.client.createGroupJoinRequest({ body: { group_id: group.id } });
    const waiting = { group_join_requests: 1, group_invitations: 1 };
    expect(await counts(alice!)).toMatchObject(waiting);
    expect(await counts(bob!)).toMatchObject(waiting);
    for (const user of [carol!, dave!, erin!]) {
      expect(await counts(user)).toMatchObject({ group_join_requests: 0, group_invitations: 0 });
    }
    await bob!.client.approveGroupJoinRequest({ path: { join_request_id: request.id } });
    await alice!.client.rejectGroupInvitation({
      path: { group_id: group.id, invitation_id: invitation.id },
    });
    expect(await counts(alice!)).toMatchObject({ group_join_requests: 0, group_invitations: 0 });
  });

  it('counts only the messages a group member may see: none from before they joined, none after they left', async () => {
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(t.url, name)),
    );
    await befriend(alice!, bob!);
    const group = await alice!.client.createGroup({
      body: { name: 'Span', member_ids: [bob!.user.id] },
    });
    await send(alice!, group.conversation_id, 'before Carol');
    await inGroup(group.id, (trx, emit, row) =>
      addGroupMembers(trx, emit, row, [carol!.user.id], nowIso()),
    );
    expect((await counts(carol!)).messages).toBe(0);
    await send(alice!, group.conversation_id, 'welcome Carol');
    expect(await counts(carol!)).toMatchObject({ messages: 1, conversations: 1 });
    expect((await counts(bob!)).messages).toBe(2);

    await inGroup(group.id, (trx, emit, row) =>
      removeGroupMember(trx, emit, row, bob!.user.id, null, nowIso()),
    );
    await send(alice!, group.conversation_id, 'after Bob');
    // Bob keeps what he had not read before leaving, and nothing after.
    expect(await counts(bob!)).toMatchObject({ messages: 2, conversations: 1 });
    expect((await counts(carol!)).messages).toBe(2);
  });

  it('reads the messages of every conversation in one query, however many there are', async () => {
    const alice = await registerUser(t.url, 'alice');
    const friends = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => registerUser(t.url, `friend${n}`)),
    );
    const executor = t.server.services.db.getExecutor();
    const spy = vi.spyOn(executor, 'executeQuery');
    /** Statements that read messages during one getUnreadCounts call. */
    const messageQueries = async (user: TestUser) => {
      spy.mockClear();
      const answer = await counts(user);
      const reads = spy.mock.calls.filter(([query]) => /\bmessages\b/.test(query.sql));
      return { answer, reads: reads.length };
    };
    try {
      for (const [i, friend] of friends.entries()) {
        await befriend(alice, friend);
        const direct = await alice.client.openDirectConversation({
          body: { user_id: friend.user.id },
        });
        await send(friend, direct.id, 'hi');
        if (i === 0) expect(await messageQueries(alice)).toMatchObject({ reads: 1 });
      }
      expect(await messageQueries(alice)).toEqual({
        answer: { ...NOTHING, messages: 6, conversations: 6 },
        reads: 1,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves muted conversations out of the message count, and counts conversations marked unread', async () => {
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((name) => registerUser(t.url, name)),
    );
    await befriend(alice!, bob!);
    await befriend(alice!, carol!);
    const withBob = await alice!.client.openDirectConversation({ body: { user_id: bob!.user.id } });
    const withCarol = await alice!.client.openDirectConversation({
      body: { user_id: carol!.user.id },
    });
    await send(bob!, withBob.id, 'one');
    await send(bob!, withBob.id, 'two');
    const fromCarol = await send(carol!, withCarol.id, 'three');
    expect(await counts(alice!)).toMatchObject({ messages: 3, conversations: 2 });
    await alice!.client.updateConversationSettings({
      path: { conversation_id: withBob.id },
      body: { muted: true, mute_duration_seconds: 3600 },
    });
    // Bob's two messages still wait (the conversation counts) but ring no badge.
    expect(await counts(alice!)).toMatchObject({ messages: 1, conversations: 2 });
    await alice!.client.markConversationRead({
      path: { conversation_id: withCarol.id },
      body: { message_id: fromCarol.id },
    });
    expect(await counts(alice!)).toMatchObject({ messages: 0, conversations: 1 });
    await alice!.client.updateConversationSettings({
      path: { conversation_id: withCarol.id },
      body: { marked_unread: true },
    });
    expect(await counts(alice!)).toMatchObject({ messages: 0, conversations: 2 });
    // A mark on a conversation that has unread messages anyway counts it once.
    await alice!.client.updateConversationSettings({
      path: { conversation_id: withBob.id },
      body: { muted: false, marked_unread: true },
    });
    expect(await counts(alice!)).toMatchObject({ messages: 2, conversations: 2 });
    // Bob's badge is his own.
    expect(await counts(bob!)).toMatchObject({ messages: 0, conversations: 0 });
  });
});
