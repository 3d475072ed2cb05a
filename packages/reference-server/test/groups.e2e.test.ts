import { type Message, newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { failure } from './support/expectCode.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const text = (value: string) => ({ type: 'text' as const, text: value });

/** Alice with her friends Bob and Carol, and Dave whom nobody knows. */
async function people() {
  const [alice, bob, carol, dave] = await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((name) => registerUser(t.url, name)),
  );
  await befriend(alice!, bob!);
  await befriend(alice!, carol!);
  return { alice: alice!, bob: bob!, carol: carol!, dave: dave! };
}

const send = (user: TestUser, conversationId: string, value: string) =>
  user.client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: newClientMessageId(), content: text(value) },
  });

describe('group chat', () => {
  it('creates a group with the caller as owner and friends as members, and lists it for each', async () => {
    const { alice, bob, carol, dave } = await people();
    const group = await alice.client.createGroup({
      body: {
        name: 'Climbers',
        description: 'Saturdays',
        member_ids: [bob.user.id, carol.user.id],
      },
    });
    expect(group).toMatchObject({
      name: 'Climbers',
      description: 'Saturdays',
      member_count: 3,
      max_members: 500,
      muted_all: false,
      my_role: 'owner',
      owner: { id: alice.user.id },
    });
    expect((await bob.client.listGroups()).items.map((g) => [g.id, g.my_role])).toEqual([
      [group.id, 'member'],
    ]);
    // Anyone may read a group's public face, to decide to ask to join; outsiders have no role.
    expect(await dave.client.getGroup({ path: { group_id: group.id } })).toMatchObject({
      id: group.id,
      my_role: null,
    });
    expect((await dave.client.listGroups()).items).toEqual([]);
  });

  it('delivers a group message live to every member once, and keeps it in everyone’s history', async () => {
    const { alice, bob, carol } = await people();
    const group = await alice.client.createGroup({
      body: { name: 'Live', member_ids: [bob.user.id, carol.user.id] },
    });
    const received: Record<string, string[]> = { bob: [], carol: [] };
    const sockets = [
      ['bob', bob],
      ['carol', carol],
    ] as const;
    const realtimes = await Promise.all(
      sockets.map(async ([name, user]) => {
        const realtime = user.client.realtime();
        realtime.on('message.created', (message: Message) => received[name]!.push(message.id));
        await realtime.connect();
        return realtime;
      }),
    );
    const first = await send(alice, group.conversation_id, 'hello group');
    const second = await send(carol, group.conversation_id, 'hi all');
    await waitFor(
      () => received.bob!.length === 2 && received.carol!.length === 2,
      5000,
      'both messages on both sockets',
    );
    expect(received).toEqual({ bob: [first.id, second.id], carol: [first.id, second.id] });
    for (const realtime of realtimes) realtime.close();

    const history = await bob.client.listMessages({
      path: { conversation_id: group.conversation_id },
    });
    expect(history.items.map((m) => m.id)).toEqual([first.id, second.id]);
    const conversations = await bob.client.listConversations();
    expect(conversations.items[0]).toMatchObject({
      id: group.conversation_id,
      type: 'group',
      peer: null,
      group: { id: group.id, name: 'Live' },
      unread_count: 2,
      disabled: false,
    });
  });

  it('refuses members who are not the creator’s friends, naming the entry', async () => {
    const { alice, bob, dave } = await people();
    const refused = await alice.client
      .createGroup({ body: { name: 'Strangers', member_ids: [bob.user.id, dave.user.id] } })
      .catch((error: unknown) => error as { code: string; errors?: { pointer: string }[] });
    expect(refused).toMatchObject({ code: 'group.invitee_not_friend' });
    expect((refused as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe(
      '/body/member_ids/1',
    );
    expect((await alice.client.listGroups()).items).toEqual([]);
  });

  it('refuses more initial members than max_members', async () => {
    const { alice, bob, carol } = await people();
    expect(
      await failure(
        alice.client.createGroup({
          body: { name: 'Tiny', max_members: 2, member_ids: [bob.user.id, carol.user.id] },
        }),
      ),
    ).toEqual({ status: 422, code: 'group.full' });
  });

  it('keeps outsiders out of the group conversation', async () => {
    const { alice, bob, dave } = await people();
    const group = await alice.client.createGroup({
      body: { name: 'Closed', member_ids: [bob.user.id] },
    });
    expect(await failure(send(dave, group.conversation_id, 'let me in'))).toEqual({
      status: 404,
      code: 'conversation.not_found',
    });
    expect(
      await failure(dave.client.listMessages({ path: { conversation_id: group.conversation_id } })),
    ).toEqual({ status: 404, code: 'conversation.not_found' });
  });

  it('refuses a muted member’s send, and a plain member’s while the group is muted for all', async () => {
    const { alice, bob, carol } = await people();
    const group = await alice.client.createGroup({
      body: { name: 'Quiet', member_ids: [bob.user.id, carol.user.id] },
    });
    const db = t.server.services.db;
    // Set straight in the database until muteGroupMember and setGroupMuteAll exist.
    const until = new Date(Date.now() + 60_000).toISOString();
    await db
      .updateTable('group_members')
      .set({ muted_until: until })
      .where('group_id', '=', group.id)
      .where('user_id', '=', bob.user.id)
      .execute();
    expect(await failure(send(bob, group.conversation_id, 'psst'))).toEqual({
      status: 403,
      code: 'group.member_muted',
    });
    await db.updateTable('groups').set({ muted_all: 1 }).where('id', '=', group.id).execute();
    expect(await failure(send(carol, group.conversation_id, 'hello?'))).toEqual({
      status: 403,
      code: 'group.muted_all',
    });
    // The owner still speaks.
    await expect(send(alice, group.conversation_id, 'announcement')).resolves.toMatchObject({
      sender: { id: alice.user.id },
    });
  });
});
