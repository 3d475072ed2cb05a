// A group's members (issue 9): listing and reading them, group nicknames, roles and mutes,
// each rule of docs/decisions.md with its refusals, and the `group.member_updated` events that
// reach members' sockets and no one else's.
import { type Group, newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { authenticatedRealtime, type RawRealtime, type SeenFrame } from './support/rawRealtime.js';
import { rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/**
 * Alice owns a group with her friends Bob (an admin), Carol and Dan (members); Erin is in no
 * group and has no friend there.
 */
async function crew() {
  const [alice, bob, carol, dan, erin] = await Promise.all(
    ['alice', 'bob', 'carol', 'dan', 'erin'].map((name) => registerUser(t.url, name)),
  );
  for (const friend of [bob!, carol!, dan!]) await befriend(alice!, friend);
  const group = await alice!.client.createGroup({
    body: { name: 'Crag', member_ids: [bob!.user.id, carol!.user.id, dan!.user.id] },
  });
  await alice!.client.setGroupMemberRole({
    path: { group_id: group.id, user_id: bob!.user.id },
    body: { role: 'admin' },
  });
  return { alice: alice!, bob: bob!, carol: carol!, dan: dan!, erin: erin!, group };
}

const on = (group: Group, user: TestUser) => ({ group_id: group.id, user_id: user.user.id });

const send = (user: TestUser, group: Group, text: string) =>
  user.client.sendMessage({
    path: { conversation_id: group.conversation_id },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
  });

/** A realtime socket of `user`, authenticated, live events from now on. */
async function socketOf(user: TestUser): Promise<RawRealtime> {
  return authenticatedRealtime(t.url, (await user.client.getAccessToken())!);
}

const isMemberUpdate = (frame: SeenFrame, user: TestUser) =>
  frame.event?.type === 'group.member_updated' &&
  (frame.event.data as { user: { id: string } }).user.id === user.user.id;

/** The events of `socket` about `group` (member events and the group's messages). */
function groupEvents(socket: RawRealtime, group: Group): SeenFrame[] {
  return socket.frames.filter((frame) => {
    const data = frame.event?.data as { group_id?: string; conversation_id?: string } | undefined;
    return data?.group_id === group.id || data?.conversation_id === group.conversation_id;
  });
}

/**
 * Proves `outsider`'s socket got nothing of `group` so far: a friend request sent to them now is
 * pushed after everything committed before it, so once it arrives, a group event routed to them
 * would have arrived too.
 */
async function expectNothingOfGroup(outsider: RawRealtime, user: TestUser, group: Group) {
  const stranger = await registerUser(t.url, 'stranger');
  await stranger.client.sendFriendRequest({ body: { user_id: user.user.id } });
  await outsider.frame((frame) => frame.event?.type === 'friend_request.created');
  expect(groupEvents(outsider, group)).toEqual([]);
}

describe('listGroupMembers', () => {
  it('lists the owner, then admins, then members, each by join time, in cursor pages', async () => {
    const [alice, bob, carol, dan, frank] = await Promise.all(
      ['alice', 'bob', 'carol', 'dan', 'frank'].map((name) => registerUser(t.url, name)),
    );
    for (const friend of [bob!, carol!, dan!, frank!]) await befriend(alice!, friend);
    const group = await alice!.client.createGroup({
      body: {
        name: 'Order',
        member_ids: [bob!.user.id, carol!.user.id, dan!.user.id, frank!.user.id],
      },
    });
    for (const admin of [carol!, frank!]) {
      await alice!.client.setGroupMemberRole({ path: on(group, admin), body: { role: 'admin' } });
    }
    // Join times set apart in the database (they joined together at creation), in the reverse
    // order of the user ids, so an order by id would show.
    const joined = {
      [frank!.user.id]: 1,
      [carol!.user.id]: 2,
      [dan!.user.id]: 3,
      [bob!.user.id]: 4,
    };
    for (const [userId, minute] of Object.entries(joined)) {
      await t.server.services.db
        .updateTable('group_members')
        .set({ joined_at: `2030-01-01T00:0${minute}:00.000Z` })
        .where('group_id', '=', group.id)
        .where('user_id', '=', userId)
        .execute();
    }
    const expected = [alice!, frank!, carol!, dan!, bob!].map((u) => u.user.id);

    const whole = await bob!.client.listGroupMembers({ path: { group_id: group.id } });
    expect(whole.items.map((m) => [m.user.id, m.role])).toEqual([
      [alice!.user.id, 'owner'],
      [frank!.user.id, 'admin'],
      [carol!.user.id, 'admin'],
      [dan!.user.id, 'member'],
      [bob!.user.id, 'member'],
    ]);
    expect(whole).toMatchObject({ has_more: false, next_cursor: null });

    for (const limit of [1, 2]) {
      const seen: string[] = [];
      const pages: boolean[] = [];
      let after: string | undefined;
      do {
        const page = await dan!.client.listGroupMembers({
          path: { group_id: group.id },
          query: { limit, ...(after ? { after } : {}) },
        });
        seen.push(...page.items.map((m) => m.user.id));
        pages.push(page.has_more);
        after = page.next_cursor ?? undefined;
      } while (after);
      expect(seen).toEqual(expected);
      expect(pages).toEqual(limit === 1 ? [true, true, true, true, false] : [true, true, false]);
    }
  });

  it('refuses outsiders, and a cursor issued for another group’s list', async () => {
    const { alice, carol, erin, group } = await crew();
    expect(await failure(erin.client.listGroupMembers({ path: { group_id: group.id } }))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    const page = await carol.client.listGroupMembers({
      path: { group_id: group.id },
      query: { limit: 1 },
    });
    const other = await alice.client.createGroup({ body: { name: 'Other' } });
    expect(
      await failure(
        alice.client.listGroupMembers({
          path: { group_id: other.id },
          query: { after: page.next_cursor! },
        }),
      ),
    ).toEqual({ status: 422, code: 'cursor.invalid' });
  });
});

describe('getGroupMember', () => {
  it('shows a member to members, and answers member_not_found for anyone else', async () => {
    const { alice, bob, carol, erin, group } = await crew();
    expect(await carol.client.getGroupMember({ path: on(group, bob) })).toMatchObject({
      group_id: group.id,
      user: { id: bob.user.id, username: bob.username },
      role: 'admin',
      nickname: null,
      muted: false,
      muted_until: null,
    });
    expect(await failure(alice.client.getGroupMember({ path: on(group, erin) }))).toEqual({
      status: 404,
      code: 'group.member_not_found',
    });
    expect(await failure(erin.client.getGroupMember({ path: on(group, bob) }))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
  });
});

describe('updateMyGroupMember', () => {
  it('sets and clears my group nickname, announced to members only', async () => {
    const { alice, carol, dan, erin, group } = await crew();
    const [aliceSocket, danSocket, erinSocket] = await Promise.all([
      socketOf(alice),
      socketOf(dan),
      socketOf(erin),
    ]);
    const me = await carol.client.updateMyGroupMember({
      path: { group_id: group.id },
      body: { nickname: 'Cee (belayer)' },
    });
    expect(me).toMatchObject({
      user: { id: carol.user.id },
      role: 'member',
      nickname: 'Cee (belayer)',
    });
    for (const socket of [aliceSocket, danSocket]) {
      const frame = await socket.frame((f) => isMemberUpdate(f, carol));
      expect(frame.event!.data).toEqual(me);
    }
    await expectNothingOfGroup(erinSocket, erin, group);
    expect(await dan.client.getGroupMember({ path: on(group, carol) })).toMatchObject({
      nickname: 'Cee (belayer)',
    });

    const cleared = await carol.client.updateMyGroupMember({
      path: { group_id: group.id },
      body: { nickname: null },
    });
    expect(cleared.nickname).toBeNull();
    const updates = () => danSocket.frames.filter((f) => isMemberUpdate(f, carol));
    await danSocket.frame(() => updates().length === 2);
    expect(updates()[1]!.event!.data).toEqual(cleared);
    for (const socket of [aliceSocket, danSocket, erinSocket]) socket.ws.close();
  });

  it('refuses a nickname outside GroupNickname (1 to 30 characters, not blank, no control or bidi characters), and outsiders', async () => {
    const { carol, erin, group } = await crew();
    const token = await carol.client.getAccessToken();
    for (const nickname of ['', 'x'.repeat(31), '   ', 'a\u0007b', 'evil\u202Egnp']) {
      const answer = await rawRequest(t.url, 'PATCH', `/groups/${group.id}/members/me`, {
        token,
        body: { nickname },
      });
      expect([answer.status, answer.body?.code]).toEqual([422, 'validation.failed']);
    }
    expect(
      (
        await carol.client.updateMyGroupMember({
          path: { group_id: group.id },
          body: { nickname: 'x'.repeat(30) },
        })
      ).nickname,
    ).toBe('x'.repeat(30));
    expect(
      await failure(
        erin.client.updateMyGroupMember({ path: { group_id: group.id }, body: { nickname: 'E' } }),
      ),
    ).toEqual({ status: 403, code: 'group.not_member' });
  });
});

describe('setGroupMemberRole', () => {
  it('promotes and demotes, announced to members only, and the role takes effect', async () => {
    const { alice, carol, dan, erin, group } = await crew();
    const [danSocket, erinSocket] = await Promise.all([socketOf(dan), socketOf(erin)]);
    const promoted = await alice.client.setGroupMemberRole({
      path: on(group, carol),
      body: { role: 'admin' },
    });
    expect(promoted).toMatchObject({ user: { id: carol.user.id }, role: 'admin' });
    expect((await danSocket.frame((f) => isMemberUpdate(f, carol))).event!.data).toEqual(promoted);
    await expectNothingOfGroup(erinSocket, erin, group);
    // As an admin, Carol now mutes a plain member.
    await expect(carol.client.muteGroupMember({ path: on(group, dan) })).resolves.toMatchObject({
      muted: true,
    });

    const demoted = await alice.client.setGroupMemberRole({
      path: on(group, carol),
      body: { role: 'member' },
    });
    expect(demoted.role).toBe('member');
    expect(await failure(carol.client.unmuteGroupMember({ path: on(group, dan) }))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    for (const socket of [danSocket, erinSocket]) socket.ws.close();
  });

  it('answers 409 for the role a member already has, and for the owner', async () => {
    const { alice, bob, carol, group } = await crew();
    expect(
      await failure(
        alice.client.setGroupMemberRole({ path: on(group, bob), body: { role: 'admin' } }),
      ),
    ).toEqual({ status: 409, code: 'group.already_admin' });
    expect(
      await failure(
        alice.client.setGroupMemberRole({ path: on(group, carol), body: { role: 'member' } }),
      ),
    ).toEqual({ status: 409, code: 'group.not_admin' });
    for (const role of ['admin', 'member'] as const) {
      expect(
        await failure(alice.client.setGroupMemberRole({ path: on(group, alice), body: { role } })),
      ).toEqual({ status: 409, code: 'group.target_is_owner' });
    }
    expect((await alice.client.getGroupMember({ path: on(group, bob) })).role).toBe('admin');
    expect((await alice.client.getGroupMember({ path: on(group, carol) })).role).toBe('member');
  });

  it('is the owner’s alone, on members only, with admin or member', async () => {
    const { alice, bob, carol, dan, erin, group } = await crew();
    for (const caller of [bob, carol]) {
      expect(
        await failure(
          caller.client.setGroupMemberRole({ path: on(group, dan), body: { role: 'admin' } }),
        ),
      ).toEqual({ status: 403, code: 'group.permission_denied' });
    }
    expect(
      await failure(
        alice.client.setGroupMemberRole({ path: on(group, erin), body: { role: 'admin' } }),
      ),
    ).toEqual({ status: 404, code: 'group.member_not_found' });
    const answer = await rawRequest(
      t.url,
      'PUT',
      `/groups/${group.id}/members/${dan.user.id}/role`,
      {
        token: await alice.client.getAccessToken(),
        body: { role: 'owner' },
      },
    );
    expect([answer.status, answer.body?.code]).toEqual([422, 'validation.failed']);
    expect((await alice.client.getGroupMember({ path: on(group, dan) })).role).toBe('member');
  });
});

describe('muteGroupMember and unmuteGroupMember', () => {
  it('mutes for a duration: the answer says until when, sends are refused, members are told', async () => {
    const { alice, bob, carol, dan, erin, group } = await crew();
    const [danSocket, erinSocket] = await Promise.all([socketOf(dan), socketOf(erin)]);
    const before = Date.now();
    const muted = await bob.client.muteGroupMember({
      path: on(group, carol),
      body: { duration_seconds: 3600 },
    });
    const after = Date.now();
    expect(muted).toMatchObject({ user: { id: carol.user.id }, muted: true });
    const until = Date.parse(muted.muted_until!);
    expect(until).toBeGreaterThanOrEqual(before + 3_600_000 - 1);
    expect(until).toBeLessThanOrEqual(after + 3_600_000);
    expect((await danSocket.frame((f) => isMemberUpdate(f, carol))).event!.data).toEqual(muted);
    await expectNothingOfGroup(erinSocket, erin, group);
    expect(await failure(send(carol, group, 'let me speak'))).toEqual({
      status: 403,
      code: 'group.member_muted',
    });
    expect(await alice.client.getGroupMember({ path: on(group, carol) })).toMatchObject({
      muted: true,
      muted_until: muted.muted_until,
    });

    const unmuted = await bob.client.unmuteGroupMember({ path: on(group, carol) });
    expect(unmuted).toMatchObject({ muted: false, muted_until: null });
    const updates = () => danSocket.frames.filter((f) => isMemberUpdate(f, carol));
    await danSocket.frame(() => updates().length === 2);
    expect(updates()[1]!.event!.data).toEqual(unmuted);
    await expect(send(carol, group, 'thanks')).resolves.toMatchObject({
      sender: { id: carol.user.id },
    });
    for (const socket of [danSocket, erinSocket]) socket.ws.close();
  });

  it('mutes until unmuted without a duration, and a new mute replaces the one in force', async () => {
    const { alice, carol, dan, group } = await crew();
    expect(await alice.client.muteGroupMember({ path: on(group, carol) })).toMatchObject({
      muted: true,
      muted_until: null,
    });
    expect(await failure(send(carol, group, 'hello?'))).toEqual({
      status: 403,
      code: 'group.member_muted',
    });
    const timed = await alice.client.muteGroupMember({
      path: on(group, carol),
      body: { duration_seconds: 60 },
    });
    expect(timed.muted_until).not.toBeNull();
    expect(
      await alice.client.muteGroupMember({
        path: on(group, carol),
        body: { duration_seconds: null },
      }),
    ).toMatchObject({ muted: true, muted_until: null });
    expect(
      await alice.client.muteGroupMember({
        path: on(group, dan),
        body: { duration_seconds: 2_592_000 },
      }),
    ).toMatchObject({ muted: true });
    await alice.client.unmuteGroupMember({ path: on(group, carol) });
    await expect(send(carol, group, 'back')).resolves.toMatchObject({
      sender: { id: carol.user.id },
    });
  });

  it('refuses durations under a minute or over 30 days', async () => {
    const { alice, carol, group } = await crew();
    const token = await alice.client.getAccessToken();
    for (const duration_seconds of [59, 2_592_001, 0]) {
      const answer = await rawRequest(
        t.url,
        'PUT',
        `/groups/${group.id}/members/${carol.user.id}/mute`,
        {
          token,
          body: { duration_seconds },
        },
      );
      expect([duration_seconds, answer.status, answer.body?.code]).toEqual([
        duration_seconds,
        422,
        'validation.failed',
      ]);
    }
    expect((await alice.client.getGroupMember({ path: on(group, carol) })).muted).toBe(false);
  });

  it('lets the owner mute admins and members, an admin plain members, nobody themselves', async () => {
    const { alice, bob, carol, dan, erin, group } = await crew();
    const denied = { status: 403, code: 'group.permission_denied' };
    // An admin: not the owner, not another admin, not themselves.
    await alice.client.setGroupMemberRole({ path: on(group, dan), body: { role: 'admin' } });
    expect(await failure(bob.client.muteGroupMember({ path: on(group, alice) }))).toEqual(denied);
    expect(await failure(bob.client.muteGroupMember({ path: on(group, dan) }))).toEqual(denied);
    expect(await failure(bob.client.muteGroupMember({ path: on(group, bob) }))).toEqual(denied);
    expect(await failure(alice.client.muteGroupMember({ path: on(group, alice) }))).toEqual(denied);
    // A plain member mutes nobody; an outsider is not a member.
    expect(await failure(carol.client.muteGroupMember({ path: on(group, dan) }))).toEqual(denied);
    expect(await failure(erin.client.muteGroupMember({ path: on(group, carol) }))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    expect(await failure(alice.client.muteGroupMember({ path: on(group, erin) }))).toEqual({
      status: 404,
      code: 'group.member_not_found',
    });
    // The owner mutes an admin, who cannot lift it themselves; the owner can.
    expect(await alice.client.muteGroupMember({ path: on(group, bob) })).toMatchObject({
      muted: true,
    });
    expect(await failure(bob.client.unmuteGroupMember({ path: on(group, bob) }))).toEqual(denied);
    expect(await failure(dan.client.unmuteGroupMember({ path: on(group, bob) }))).toEqual(denied);
    expect(await failure(send(bob, group, 'admins speak?'))).toEqual({
      status: 403,
      code: 'group.member_muted',
    });
    expect(await alice.client.unmuteGroupMember({ path: on(group, bob) })).toMatchObject({
      muted: false,
    });
    // An admin mutes and unmutes a plain member.
    await bob.client.muteGroupMember({ path: on(group, carol) });
    expect(await failure(carol.client.unmuteGroupMember({ path: on(group, carol) }))).toEqual(
      denied,
    );
    expect(await bob.client.unmuteGroupMember({ path: on(group, carol) })).toMatchObject({
      muted: false,
    });
  });

  it('unmutes a member who is not muted without announcing anything', async () => {
    const { alice, carol, dan, group } = await crew();
    const danSocket = await socketOf(dan);
    expect(await alice.client.unmuteGroupMember({ path: on(group, carol) })).toMatchObject({
      muted: false,
      muted_until: null,
    });
    // The next change's event comes after anything the unmute would have announced.
    await carol.client.updateMyGroupMember({
      path: { group_id: group.id },
      body: { nickname: 'C' },
    });
    await danSocket.frame((f) => isMemberUpdate(f, carol));
    expect(danSocket.frames.filter((f) => isMemberUpdate(f, carol))).toHaveLength(1);
    expect(danSocket.frames.find((f) => isMemberUpdate(f, carol))!.event!.data).toMatchObject({
      nickname: 'C',
    });
    danSocket.ws.close();
  });
});

describe('the member’s group event feed', () => {
  const feedEntry = (frame: SeenFrame) =>
    frame.event?.type === 'notification.group_event'
      ? (frame.event.data as { type: string; group: { id: string }; actor: { id: string } })
      : undefined;

  it('records a role change in the member’s feed, pushed to them alone', async () => {
    const { alice, carol, dan, group } = await crew();
    const [carolSocket, danSocket] = await Promise.all([socketOf(carol), socketOf(dan)]);
    await alice.client.setGroupMemberRole({ path: on(group, carol), body: { role: 'admin' } });
    await alice.client.setGroupMemberRole({ path: on(group, carol), body: { role: 'member' } });
    const feed = await carol.client.listGroupEvents();
    expect(feed.items.map((e) => [e.type, e.group.id, e.actor?.id])).toEqual([
      ['admin_revoked', group.id, alice.user.id],
      ['became_admin', group.id, alice.user.id],
    ]);
    await carolSocket.frame(() => carolSocket.frames.filter(feedEntry).length === 2);
    expect(carolSocket.frames.flatMap((f) => feedEntry(f)?.type ?? [])).toEqual([
      'became_admin',
      'admin_revoked',
    ]);
    // Dan saw the role change as a member, and nothing of Carol's feed.
    await danSocket.frame(
      () => danSocket.frames.filter((f) => isMemberUpdate(f, carol)).length === 2,
    );
    expect(danSocket.frames.filter(feedEntry)).toEqual([]);
    expect((await dan.client.listGroupEvents()).items).toEqual([]);
    expect((await alice.client.listGroupEvents()).items).toEqual([]);
    for (const socket of [carolSocket, danSocket]) socket.ws.close();
  });

  it('records a mute with its end, and an unmute, in the muted member’s feed', async () => {
    const { bob, carol, dan, group } = await crew();
    const carolSocket = await socketOf(carol);
    const muted = await bob.client.muteGroupMember({
      path: on(group, carol),
      body: { duration_seconds: 600 },
    });
    await bob.client.unmuteGroupMember({ path: on(group, carol) });
    // Unmuting someone not muted changes nothing, so it records nothing either.
    await bob.client.unmuteGroupMember({ path: on(group, carol) });
    await bob.client.muteGroupMember({ path: on(group, dan) });
    const feed = await carol.client.listGroupEvents();
    expect(feed.items.map((e) => [e.type, e.actor?.id, e.muted_until])).toEqual([
      ['unmuted', bob.user.id, null],
      ['muted', bob.user.id, muted.muted_until],
    ]);
    const danFeed = await dan.client.listGroupEvents();
    expect(danFeed.items.map((e) => [e.type, e.muted_until])).toEqual([['muted', null]]);
    await carolSocket.frame(() => carolSocket.frames.filter(feedEntry).length === 2);
    expect(carolSocket.frames.flatMap((f) => feedEntry(f)?.type ?? [])).toEqual([
      'muted',
      'unmuted',
    ]);
    carolSocket.ws.close();
  });
});
