// updateGroup and setGroupMuteAll (issue 9): an owner or admin changes the group, every member's
// socket gets `group.updated` with their own role in it, and an outsider's socket gets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { makeGroupAdmin } from './support/groupAdmin.js';
import { groupCrew } from './support/groupCrew.js';
import { validateAt } from './support/openApiSchema.js';
import type { RawRealtime } from './support/rawRealtime.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openUserSockets, settleUserSockets } from './support/userSockets.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Alice owns a group with Bob (made admin) and Carol; Dave is an outsider. */
async function group() {
  const crew = await groupCrew(t.url);
  // The admin role set straight in the database: setGroupMemberRole has its own tests.
  await makeGroupAdmin(t, crew.group.id, crew.bob.user.id);
  return crew;
}

/** The data of every `type` event a socket received, each frame checked against the spec. */
function received(socket: RawRealtime, type: string) {
  for (const frame of socket.frames) {
    expect(validateAt('/components/schemas/RealtimeServerFrame', frame)).toEqual([]);
  }
  return socket.frames.filter((f) => f.event?.type === type).map((f) => f.event!.data);
}

describe('updateGroup', () => {
  it('changes name, description and avatar, and every member gets group.updated with their own role', async () => {
    const { alice, bob, carol, dave, group: g } = await group();
    const watched = await openUserSockets(t.url, { alice, bob, carol, dave });
    const updated = await alice.client.updateGroup({
      path: { group_id: g.id },
      body: {
        name: 'Climbers (Paris)',
        description: 'Saturdays, 10am',
        avatar_url: 'https://example.com/wall.png',
      },
    });
    expect(updated).toMatchObject({
      id: g.id,
      name: 'Climbers (Paris)',
      description: 'Saturdays, 10am',
      avatar_url: 'https://example.com/wall.png',
      my_role: 'owner',
      member_count: 3,
    });
    expect(updated.updated_at > g.updated_at).toBe(true);
    await settleUserSockets(t.url, Object.values(watched));
    const roles = { alice: 'owner', bob: 'admin', carol: 'member' } as const;
    for (const [name, role] of Object.entries(roles)) {
      expect(received(watched[name]!, 'group.updated')).toEqual([{ ...updated, my_role: role }]);
    }
    expect(received(watched.dave!, 'group.updated')).toEqual([]);
    expect(await carol.client.getGroup({ path: { group_id: g.id } })).toEqual({
      ...updated,
      my_role: 'member',
    });
    for (const socket of Object.values(watched)) socket.ws.close();
  });

  it('lets an admin update, clears description and avatar with null, and keeps omitted fields', async () => {
    const { alice, bob, group: g } = await group();
    await alice.client.updateGroup({
      path: { group_id: g.id },
      body: { description: 'Saturdays', avatar_url: 'https://example.com/a.png' },
    });
    const cleared = await bob.client.updateGroup({
      path: { group_id: g.id },
      body: { description: null, avatar_url: null },
    });
    expect(cleared).toMatchObject({
      name: 'Climbers',
      description: null,
      avatar_url: null,
      my_role: 'admin',
    });
  });

  it('refuses a plain member with group.permission_denied and changes nothing', async () => {
    const { carol, group: g } = await group();
    expect(
      await failure(carol.client.updateGroup({ path: { group_id: g.id }, body: { name: 'Mine' } })),
    ).toEqual({ status: 403, code: 'group.permission_denied' });
    expect(await carol.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      name: 'Climbers',
    });
  });

  it('refuses max_members below the member count, and accepts it equal to the count', async () => {
    const { alice, group: g } = await group();
    expect(
      await failure(
        alice.client.updateGroup({ path: { group_id: g.id }, body: { max_members: 2 } }),
      ),
    ).toEqual({ status: 422, code: 'group.max_members_too_low' });
    expect(await alice.client.getGroup({ path: { group_id: g.id } })).toMatchObject({
      max_members: 500,
    });
    await expect(
      alice.client.updateGroup({ path: { group_id: g.id }, body: { max_members: 3 } }),
    ).resolves.toMatchObject({ max_members: 3, member_count: 3 });
  });

  it('announces nothing when the request changes nothing', async () => {
    const { alice, bob, group: g } = await group();
    const watched = await openUserSockets(t.url, { bob });
    const same = await alice.client.updateGroup({
      path: { group_id: g.id },
      body: { name: 'Climbers' },
    });
    expect(same).toEqual({ ...g, my_role: 'owner' });
    await settleUserSockets(t.url, Object.values(watched));
    expect(received(watched.bob!, 'group.updated')).toEqual([]);
    watched.bob!.ws.close();
  });
});

describe('setGroupMuteAll', () => {
  it('while on, refuses plain members’ sends with group.muted_all and lets the owner and admins speak', async () => {
    const { alice, bob, carol, dave, group: g } = await group();
    const watched = await openUserSockets(t.url, { alice, bob, carol, dave });
    const muted = await bob.client.setGroupMuteAll({
      path: { group_id: g.id },
      body: { muted_all: true },
    });
    expect(muted).toMatchObject({ id: g.id, muted_all: true, my_role: 'admin' });
    expect(await failure(sendText(carol, g.conversation_id, 'hello?'))).toEqual({
      status: 403,
      code: 'group.muted_all',
    });
    await expect(sendText(alice, g.conversation_id, 'owner speaks')).resolves.toBeTruthy();
    await expect(sendText(bob, g.conversation_id, 'admin speaks')).resolves.toBeTruthy();

    const unmuted = await alice.client.setGroupMuteAll({
      path: { group_id: g.id },
      body: { muted_all: false },
    });
    expect(unmuted).toMatchObject({ muted_all: false, my_role: 'owner' });
    await expect(sendText(carol, g.conversation_id, 'finally')).resolves.toBeTruthy();

    await settleUserSockets(t.url, Object.values(watched));
    for (const [name, role] of [
      ['alice', 'owner'],
      ['bob', 'admin'],
      ['carol', 'member'],
    ] as const) {
      expect(
        received(watched[name]!, 'group.updated').map((data) => {
          const { muted_all, my_role } = data as { muted_all: boolean; my_role: string };
          return [muted_all, my_role];
        }),
      ).toEqual([
        [true, role],
        [false, role],
      ]);
    }
    expect(received(watched.dave!, 'group.updated')).toEqual([]);
    for (const socket of Object.values(watched)) socket.ws.close();
  });

  it('refuses a plain member with group.permission_denied', async () => {
    const { carol, group: g } = await group();
    expect(
      await failure(
        carol.client.setGroupMuteAll({ path: { group_id: g.id }, body: { muted_all: true } }),
      ),
    ).toEqual({ status: 403, code: 'group.permission_denied' });
    await expect(sendText(carol, g.conversation_id, 'still allowed')).resolves.toBeTruthy();
  });

  it('announces nothing when the setting is already what is asked', async () => {
    const { alice, carol, group: g } = await group();
    const watched = await openUserSockets(t.url, { carol });
    const same = await alice.client.setGroupMuteAll({
      path: { group_id: g.id },
      body: { muted_all: false },
    });
    expect(same).toEqual({ ...g, my_role: 'owner' });
    await settleUserSockets(t.url, Object.values(watched));
    expect(received(watched.carol!, 'group.updated')).toEqual([]);
    watched.carol!.ws.close();
  });
});
