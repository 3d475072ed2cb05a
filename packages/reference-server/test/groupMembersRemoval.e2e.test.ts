// Removing group members (issue 9): who removes whom (docs/decisions.md), and what a removed
// member keeps: the history and events up to the removal, read-only, and from then on nothing of
// the group, live or on resume, but the `group.member_removed` that tells them.
import { type Group, type Message, newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { authenticatedRealtime, type RawRealtime, type SeenFrame } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/**
 * Alice owns a group with her friends Bob and Frank (admins), Carol and Dan (members); Erin is
 * in no group and has no friend there.
 */
async function crew() {
  const [alice, bob, carol, dan, erin, frank] = await Promise.all(
    ['alice', 'bob', 'carol', 'dan', 'erin', 'frank'].map((name) => registerUser(t.url, name)),
  );
  for (const friend of [bob!, carol!, dan!, frank!]) await befriend(alice!, friend);
  const group = await alice!.client.createGroup({
    body: {
      name: 'Crag',
      member_ids: [bob!.user.id, carol!.user.id, dan!.user.id, frank!.user.id],
    },
  });
  for (const admin of [bob!, frank!]) {
    await alice!.client.setGroupMemberRole({
      path: { group_id: group.id, user_id: admin.user.id },
      body: { role: 'admin' },
    });
  }
  return {
    alice: alice!,
    bob: bob!,
    carol: carol!,
    dan: dan!,
    erin: erin!,
    frank: frank!,
    group,
  };
}

const on = (group: Group, user: TestUser) => ({ group_id: group.id, user_id: user.user.id });

const send = (user: TestUser, group: Group, text: string) =>
  user.client.sendMessage({
    path: { conversation_id: group.conversation_id },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
  });

const token = async (user: TestUser) => (await user.client.getAccessToken())!;

/** A realtime socket of `user`, authenticated, live events from now on. */
const socketOf = async (user: TestUser) => authenticatedRealtime(t.url, await token(user));

const isRemoval = (frame: SeenFrame, user: TestUser) =>
  frame.event?.type === 'group.member_removed' &&
  (frame.event.data as { user: { id: string } }).user.id === user.user.id;

/** The frames of `socket` about `group`: its member events and its conversation's messages. */
function groupFrames(socket: RawRealtime, group: Group): SeenFrame[] {
  return socket.frames.filter((frame) => {
    const data = frame.event?.data as { group_id?: string; conversation_id?: string } | undefined;
    return data?.group_id === group.id || data?.conversation_id === group.conversation_id;
  });
}

/** Members of `group` as `viewer` lists them. */
async function memberIds(viewer: TestUser, group: Group): Promise<string[]> {
  const page = await viewer.client.listGroupMembers({
    path: { group_id: group.id },
    query: { limit: 100 },
  });
  return page.items.map((member) => member.user.id);
}

describe('who removes whom', () => {
  it('lets the owner remove admins and members, and an admin plain members', async () => {
    const { alice, bob, carol, dan, frank, group } = await crew();
    await expect(alice.client.removeGroupMember({ path: on(group, frank) })).resolves.toBe(
      undefined,
    );
    await alice.client.removeGroupMember({ path: on(group, carol) });
    await bob.client.removeGroupMember({ path: on(group, dan) });
    expect(await memberIds(alice, group)).toEqual([alice.user.id, bob.user.id]);
  });

  it('refuses removing oneself, the owner or (for an admin) another admin', async () => {
    const { alice, bob, carol, dan, frank, group } = await crew();
    for (const caller of [alice, bob]) {
      expect(await failure(caller.client.removeGroupMember({ path: on(group, caller) }))).toEqual({
        status: 403,
        code: 'group.cannot_remove_self',
      });
    }
    // The gate answers with the codes x-group-access's target_refusals names for this operation.
    expect(await failure(bob.client.removeGroupMember({ path: on(group, alice) }))).toEqual({
      status: 403,
      code: 'group.cannot_remove_owner',
    });
    expect(await failure(bob.client.removeGroupMember({ path: on(group, frank) }))).toEqual({
      status: 403,
      code: 'group.cannot_remove_admin',
    });
    expect(await failure(carol.client.removeGroupMember({ path: on(group, dan) }))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    const everyone = [alice, bob, frank, carol, dan].map((u) => u.user.id);
    expect((await memberIds(alice, group)).sort()).toEqual(everyone.sort());
  });

  it('answers member_not_found for a non-member, not_member for an outsider', async () => {
    const { alice, carol, erin, group } = await crew();
    expect(await failure(alice.client.removeGroupMember({ path: on(group, erin) }))).toEqual({
      status: 404,
      code: 'group.member_not_found',
    });
    expect(await failure(erin.client.removeGroupMember({ path: on(group, carol) }))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    await alice.client.removeGroupMember({ path: on(group, carol) });
    expect(await failure(alice.client.removeGroupMember({ path: on(group, carol) }))).toEqual({
      status: 404,
      code: 'group.member_not_found',
    });
  });
});

describe('what a removed member keeps', () => {
  it('tells members and the removed user, and nobody else', async () => {
    const { alice, bob, carol, dan, erin, group } = await crew();
    const [carolSocket, danSocket, erinSocket] = await Promise.all([
      socketOf(carol),
      socketOf(dan),
      socketOf(erin),
    ]);
    await bob.client.removeGroupMember({ path: on(group, carol) });
    const expected = {
      group_id: group.id,
      user: { id: carol.user.id, username: carol.username },
      actor: { id: bob.user.id, username: bob.username },
    };
    for (const socket of [carolSocket, danSocket]) {
      expect((await socket.frame((f) => isRemoval(f, carol))).event!.data).toMatchObject(expected);
    }
    // A friend request to Erin, sent now, reaches her after anything committed before it.
    await alice.client.sendFriendRequest({ body: { user_id: erin.user.id } });
    await erinSocket.frame((f) => f.event?.type === 'friend_request.created');
    expect(groupFrames(erinSocket, group)).toEqual([]);
    // Carol's group event feed says so too, and her socket got the entry.
    const feed = await carol.client.listGroupEvents();
    expect(feed.items.map((e) => [e.type, e.group.id, e.actor?.id])).toEqual([
      ['removed', group.id, bob.user.id],
    ]);
    const entry = await carolSocket.frame((f) => f.event?.type === 'notification.group_event');
    expect(entry.event!.data).toEqual(feed.items[0]);
    expect((await dan.client.listGroupEvents()).items).toEqual([]);
    for (const socket of [carolSocket, danSocket, erinSocket]) socket.ws.close();
  });

  it('keeps the history up to the removal, read-only, and the group is gone from their lists', async () => {
    const { alice, carol, dan, group } = await crew();
    const before = await send(dan, group, 'before');
    await alice.client.removeGroupMember({ path: on(group, carol) });
    await send(dan, group, 'after');
    const history = await carol.client.listMessages({
      path: { conversation_id: group.conversation_id },
    });
    expect(history.items.map((m) => m.id)).toEqual([before.id]);
    expect(await failure(send(carol, group, 'still here?'))).toEqual({
      status: 403,
      code: 'conversation.disabled',
    });
    const conversation = (await carol.client.listConversations()).items.find(
      (c) => c.id === group.conversation_id,
    );
    expect(conversation).toMatchObject({ type: 'group', disabled: true });
    expect((await carol.client.listGroups()).items).toEqual([]);
    expect(await failure(carol.client.listGroupMembers({ path: { group_id: group.id } }))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
  });

  it('pushes nothing of the group to their sockets after the removal', async () => {
    const { alice, carol, dan, group } = await crew();
    const [carolSocket, danSocket] = await Promise.all([socketOf(carol), socketOf(dan)]);
    const before = await send(dan, group, 'before');
    await alice.client.removeGroupMember({ path: on(group, carol) });
    const later = await send(dan, group, 'after');
    await alice.client.muteGroupMember({ path: on(group, dan) });
    await dan.client.updateMyGroupMember({ path: { group_id: group.id }, body: { nickname: 'D' } });
    // A direct message from Alice, sent last, reaches Carol after anything committed before it.
    const direct = await alice.client.openDirectConversation({ body: { user_id: carol.user.id } });
    const last = await alice.client.sendMessage({
      path: { conversation_id: direct.id },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'hi' } },
    });
    await carolSocket.frame((f) => (f.event?.data as Message | undefined)?.id === last.id);
    const seen = groupFrames(carolSocket, group).map((f) => f.event!.type);
    expect(seen).toEqual(['message.created', 'group.member_removed']);
    expect((groupFrames(carolSocket, group)[0]!.event!.data as Message).id).toBe(before.id);
    // Dan, still a member, got all of it.
    await danSocket.frame((f) => f.event?.type === 'group.member_updated');
    expect(
      danSocket.frames.some((f) => (f.event?.data as Message | undefined)?.id === later.id),
    ).toBe(true);
    for (const socket of [carolSocket, danSocket]) socket.ws.close();
  });

  it('replays on resume nothing of the group after the removal but the removal itself', async () => {
    const { alice, carol, dan, group } = await crew();
    const before = await send(dan, group, 'before');
    await alice.client.removeGroupMember({ path: on(group, carol) });
    await send(dan, group, 'after');
    await alice.client.muteGroupMember({ path: on(group, dan) });
    await alice.client.unmuteGroupMember({ path: on(group, dan) });
    const direct = await alice.client.openDirectConversation({ body: { user_id: carol.user.id } });
    const last = await alice.client.sendMessage({
      path: { conversation_id: direct.id },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'hi' } },
    });
    const socket = await authenticatedRealtime(t.url, await token(carol), { since: 0 });
    // Replays come in stream order: once the last event is in, everything before it is too.
    await socket.frame((f) => (f.event?.data as Message | undefined)?.id === last.id);
    const frames = groupFrames(socket, group);
    const removal = frames.findIndex((f) => isRemoval(f, carol));
    expect(removal).toBe(frames.length - 1);
    expect(frames.some((f) => (f.event?.data as Message | undefined)?.id === before.id)).toBe(true);
    expect(frames.filter((f) => f.event?.type === 'message.created')).toHaveLength(1);
    // After the removal, only what is addressed to her: the feed entry, the direct message.
    const after = socket.frames.filter(
      (f) => f.type === 'event' && f.position! > frames[removal]!.position!,
    );
    expect(after.map((f) => f.event!.type)).toEqual([
      'notification.group_event',
      'message.created',
    ]);
    expect(after[0]!.event!.data).toMatchObject({ type: 'removed', group: { id: group.id } });
    // Her view of the group before the removal: the members joining, Bob and Frank promoted.
    expect(frames.slice(0, removal).map((f) => f.event!.type)).toEqual([
      ...Array(5).fill('group.member_joined'),
      'group.member_updated',
      'group.member_updated',
      'message.created',
    ]);
    socket.ws.close();
  });
});
