// Group join requests (issue 9): any signed-in user asks to join a group, one pending request per
// user and group; its owner and admins review it across all their groups
// (`/group-join-requests`). Through the real server and the SDK.
import type { RealtimeEvent } from '@imkit/sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/collect.js';
import { failure } from './support/expectCode.js';
import { makeGroupAdmin } from './support/groupAdmin.js';
import { groupRoleOf } from './support/groupRole.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';
import { watchEvents } from './support/watchEvents.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/**
 * Alice owns a group where Bob is an admin and Carol a plain member; Dave and Erin know nobody
 * there and ask to join.
 */
async function club(maxMembers?: number) {
  const names = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;
  const [alice, bob, carol, dave, erin] = (await Promise.all(
    names.map((name) => registerUser(t.url, name)),
  )) as [TestUser, TestUser, TestUser, TestUser, TestUser];
  await befriend(alice, bob);
  await befriend(alice, carol);
  const group = await alice.client.createGroup({
    body: {
      name: 'Climbers',
      member_ids: [bob.user.id, carol.user.id],
      ...(maxMembers ? { max_members: maxMembers } : {}),
    },
  });
  await makeGroupAdmin(t, group.id, bob.user.id);
  return { alice, bob, carol, dave, erin, group };
}

const ask = (user: TestUser, groupId: string, message?: string) =>
  user.client.createGroupJoinRequest({
    body: { group_id: groupId, ...(message ? { message } : {}) },
  });

const approve = (reviewer: TestUser, id: string) =>
  reviewer.client.approveGroupJoinRequest({ path: { join_request_id: id } });

const reject = (reviewer: TestUser, id: string, reason?: string) =>
  reviewer.client.rejectGroupJoinRequest({
    path: { join_request_id: id },
    ...(reason ? { body: { reason } } : {}),
  });

describe('asking to join', () => {
  it('lets any signed-in user ask, and adds them when an admin approves', async () => {
    const { bob, dave, group } = await club();
    const request = await ask(dave, group.id, 'I climb on Saturdays.');
    expect(request).toMatchObject({
      group: { id: group.id, name: 'Climbers', avatar_url: null },
      applicant: { id: dave.user.id, username: dave.username },
      message: 'I climb on Saturdays.',
      status: 'pending',
      reviewer: null,
      reason: null,
      reviewed_at: null,
    });
    expect(await groupRoleOf(dave, group.id)).toBeNull();
    const approved = await approve(bob, request.id);
    expect(approved).toMatchObject({
      id: request.id,
      status: 'approved',
      reviewer: { id: bob.user.id },
      reason: null,
    });
    expect(approved.reviewed_at).not.toBeNull();
    expect(await groupRoleOf(dave, group.id)).toBe('member');
    expect((await dave.client.listGroups()).items.map((g) => g.id)).toEqual([group.id]);
  });

  it('keeps the applicant out when the owner rejects, with a reason they see, and lets them ask again', async () => {
    const { alice, dave, group } = await club();
    const request = await ask(dave, group.id);
    expect(request.message).toBeNull();
    const rejected = await reject(alice, request.id, 'Club members only.');
    expect(rejected).toMatchObject({
      status: 'rejected',
      reason: 'Club members only.',
      reviewer: { id: alice.user.id },
    });
    expect(await groupRoleOf(dave, group.id)).toBeNull();
    const sent = await dave.client.listGroupJoinRequests({ query: { direction: 'sent' } });
    expect(sent.items).toEqual([rejected]);
    // Only a pending request blocks a new one.
    const again = await ask(dave, group.id);
    expect(again.status).toBe('pending');
    expect(await reject(alice, again.id)).toMatchObject({ status: 'rejected', reason: null });
  });

  it('refuses a group that does not exist or was dismissed', async () => {
    const { alice, dave, group } = await club();
    expect(await failure(ask(dave, '0192f5aa-0000-7000-8000-00000000abcd'))).toEqual({
      status: 404,
      code: 'group.not_found',
    });
    // Dismissed straight in the database: dismissGroup has its own tests.
    const request = await ask(dave, group.id);
    await t.server.services.db
      .updateTable('groups')
      .set({ dismissed_at: new Date().toISOString() })
      .where('id', '=', group.id)
      .execute();
    const erin = await registerUser(t.url, 'erin');
    expect(await failure(ask(erin, group.id))).toEqual({ status: 404, code: 'group.not_found' });
    expect(await failure(approve(alice, request.id))).toEqual({
      status: 404,
      code: 'group.not_found',
    });
  });

  it('refuses a member, a second pending request, and a full group', async () => {
    const { alice, carol, dave, erin, group } = await club(4);
    expect(await failure(ask(carol, group.id))).toEqual({
      status: 409,
      code: 'group.already_member',
    });
    await ask(dave, group.id);
    expect(await failure(ask(dave, group.id))).toEqual({
      status: 409,
      code: 'group.join_request_already_pending',
    });
    // Three members of four; Erin takes the last place.
    await befriend(alice, erin);
    await alice.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [erin.user.id] },
    });
    const late = await registerUser(t.url, 'late');
    expect(await failure(ask(late, group.id))).toEqual({ status: 409, code: 'group.full' });
  });
  it('keeps one pending request per user and group, even when asked twice at once', async () => {
    const { dave, group } = await club();
    const answers = await Promise.allSettled([ask(dave, group.id), ask(dave, group.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(await failure(Promise.reject(refused.reason))).toEqual({
      status: 409,
      code: 'group.join_request_already_pending',
    });
    // The database holds the rule too (a partial unique index), for processes that race.
    const [newId, now] = ['0192f5aa-0000-7000-8000-0000000000aa', new Date().toISOString()];
    await expect(
      sql`insert into group_join_requests (id, group_id, applicant_id, status, created_at)
        values (${newId}, ${group.id}, ${dave.user.id}, 'pending', ${now})`.execute(
        t.server.services.db,
      ),
    ).rejects.toThrow(/unique/i);
  });
});

describe('reviewing join requests', () => {
  it('lets only the owner and admins of the request’s group review it', async () => {
    const { alice, carol, dave, erin, group } = await club();
    const request = await ask(dave, group.id);
    expect(await failure(approve(carol, request.id))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    expect(await failure(reject(carol, request.id))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    expect(await failure(approve(erin, request.id))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    // Owning another group is not enough.
    await erin.client.createGroup({ body: { name: 'Elsewhere' } });
    expect(await failure(reject(erin, request.id))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    expect(await groupRoleOf(dave, group.id)).toBeNull();
    expect((await approve(alice, request.id)).status).toBe('approved');
  });

  it('refuses a request that does not exist or was already reviewed', async () => {
    const { alice, bob, dave, erin, group } = await club();
    expect(await failure(approve(alice, '0192f5aa-0000-7000-8000-00000000dead'))).toEqual({
      status: 404,
      code: 'group.join_request_not_found',
    });
    expect(await failure(reject(alice, '0192f5aa-0000-7000-8000-00000000dead'))).toEqual({
      status: 404,
      code: 'group.join_request_not_found',
    });
    const forDave = await ask(dave, group.id);
    const forErin = await ask(erin, group.id);
    await approve(bob, forDave.id);
    await reject(bob, forErin.id);
    for (const [call, id] of [
      [approve, forDave.id],
      [reject, forDave.id],
      [approve, forErin.id],
      [reject, forErin.id],
    ] as const) {
      expect(await failure(call(alice, id))).toEqual({
        status: 409,
        code: 'group.join_request_not_pending',
      });
    }
    expect(await groupRoleOf(erin, group.id)).toBeNull();
  });

  it('refuses to approve when the group is full, and leaves the request pending', async () => {
    const { alice, dave, erin, group } = await club(4);
    const forDave = await ask(dave, group.id);
    const forErin = await ask(erin, group.id);
    await approve(alice, forDave.id);
    expect(await failure(approve(alice, forErin.id))).toEqual({
      status: 409,
      code: 'group.full',
    });
    const [still] = (await erin.client.listGroupJoinRequests({ query: { direction: 'sent' } }))
      .items;
    expect(still).toMatchObject({ id: forErin.id, status: 'pending' });
    expect(await groupRoleOf(erin, group.id)).toBeNull();
    // Rejecting needs no place.
    expect((await reject(alice, forErin.id)).status).toBe('rejected');
  });

  it('settles the applicant’s pending invitation when their request is approved', async () => {
    const { alice, carol, dave, group } = await club();
    await befriend(carol, dave);
    const invited = await carol.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave.user.id] },
    });
    const request = await ask(dave, group.id);
    await approve(alice, request.id);
    const [invitation] = (await carol.client.listGroupInvitations({ path: { group_id: group.id } }))
      .items;
    expect(invitation).toMatchObject({
      id: invited.results[0]!.invitation!.id,
      status: 'approved',
      reviewer: { id: alice.user.id },
    });
  });
});

describe('listing join requests', () => {
  it('lists the requests to review across the groups the caller owns or administers', async () => {
    const { alice, bob, carol, dave, erin, group } = await club();
    // Bob owns a second group where Alice is an admin and Carol a plain member.
    await befriend(bob, carol);
    const second = await bob.client.createGroup({
      body: { name: 'Boulderers', member_ids: [alice.user.id, carol.user.id] },
    });
    await makeGroupAdmin(t, second.id, alice.user.id);
    const daveToFirst = await ask(dave, group.id);
    const erinToSecond = await ask(erin, second.id);
    const daveToSecond = await ask(dave, second.id);
    const ids = async (user: TestUser, query: object = {}) =>
      (await user.client.listGroupJoinRequests({ query })).items.map((r) => r.id);
    expect(await ids(alice)).toEqual([daveToSecond.id, erinToSecond.id, daveToFirst.id]);
    expect(await ids(alice, { direction: 'to_review' })).toEqual(await ids(alice));
    expect(await ids(bob)).toEqual([daveToSecond.id, erinToSecond.id, daveToFirst.id]);
    expect(await ids(alice, { group_id: group.id })).toEqual([daveToFirst.id]);
    expect(await ids(alice, { group_id: second.id })).toEqual([daveToSecond.id, erinToSecond.id]);
    // A plain member has nothing to review, even when naming the group.
    expect(await ids(carol)).toEqual([]);
    expect(await ids(carol, { group_id: group.id })).toEqual([]);
    // Applicants see the requests they sent, and review nothing.
    expect(await ids(dave, { direction: 'sent' })).toEqual([daveToSecond.id, daveToFirst.id]);
    expect(await ids(dave, { direction: 'sent', group_id: group.id })).toEqual([daveToFirst.id]);
    expect(await ids(dave)).toEqual([]);
  });

  it('filters by status and pages with cursors', async () => {
    const { alice, dave, erin, group } = await club();
    const frank = await registerUser(t.url, 'frank');
    const first = await ask(dave, group.id);
    const second = await ask(erin, group.id);
    const third = await ask(frank, group.id);
    await approve(alice, first.id);
    await reject(alice, second.id);
    const ids = async (query: object) =>
      (await alice.client.listGroupJoinRequests({ query })).items.map((r) => r.id);
    expect(await ids({ status: 'pending' })).toEqual([third.id]);
    expect(await ids({ status: 'approved' })).toEqual([first.id]);
    expect(await ids({ status: 'rejected' })).toEqual([second.id]);

    const page = await alice.client.listGroupJoinRequests({ query: { limit: 2 } });
    expect(page.items.map((r) => r.id)).toEqual([third.id, second.id]);
    expect(page.has_more).toBe(true);
    const next = await alice.client.listGroupJoinRequests({
      query: { limit: 2, after: page.next_cursor! },
    });
    expect(next).toMatchObject({ has_more: false, next_cursor: null });
    expect(next.items.map((r) => r.id)).toEqual([first.id]);
    // A cursor is only good for the list it came from.
    expect(
      await failure(
        alice.client.listGroupJoinRequests({
          query: { direction: 'sent', limit: 2, after: page.next_cursor! },
        }),
      ),
    ).toEqual({ status: 422, code: 'cursor.invalid' });
  });
});

describe('join request events', () => {
  it('tells the owner and admins about a request, and the applicant and reviewers about the decision', async () => {
    const { alice, bob, carol, dave, erin, group } = await club();
    const watching = await watchEvents(t.url, { alice, bob, carol, dave, erin });
    const request = await ask(dave, group.id);
    const approved = await approve(bob, request.id);
    const seen = await watching.settle();
    const types = (name: string) => seen[name]!.map((e) => e.type);
    expect(types('alice')).toEqual([
      'group.join_request_created',
      'group.join_request_reviewed',
      'group.member_joined',
    ]);
    expect(types('bob')).toEqual(types('alice'));
    expect(types('carol')).toEqual(['group.member_joined']);
    expect(types('dave')).toEqual([
      'group.join_request_reviewed',
      'notification.group_event',
      'group.member_joined',
    ]);
    expect(types('erin')).toEqual([]);
    expect(seen.alice![0]!.data).toEqual(request);
    expect(seen.dave![0]!.data).toEqual(approved);
    expect(seen.dave![2]!.data).toMatchObject({
      group_id: group.id,
      user: { id: dave.user.id },
      role: 'member',
    });
    // The applicant's group event feed has the decision too.
    const [entry] = (await dave.client.listGroupEvents()).items;
    expect(seen.dave![1]!.data).toEqual(entry);
    expect(entry).toMatchObject({
      type: 'join_request_approved',
      group: { id: group.id, name: 'Climbers' },
      actor: { id: bob.user.id },
      reason: null,
    });
    expect((await carol.client.listGroupEvents()).items).toEqual([]);
  });

  it('tells the applicant about a rejection and its reason, and no plain member', async () => {
    const { alice, bob, carol, dave, group } = await club();
    const watching = await watchEvents(t.url, { bob, carol, dave });
    const request = await ask(dave, group.id);
    await reject(alice, request.id, 'Full for the season.');
    const seen = await watching.settle();
    expect(seen.dave!.map((e) => [e.type, (e.data as { reason: string }).reason])).toEqual([
      ['group.join_request_reviewed', 'Full for the season.'],
      ['notification.group_event', 'Full for the season.'],
    ]);
    expect((await dave.client.listGroupEvents()).items).toMatchObject([
      {
        type: 'join_request_rejected',
        actor: { id: alice.user.id },
        reason: 'Full for the season.',
      },
    ]);
    expect(seen.bob!.map((e) => e.type)).toEqual([
      'group.join_request_created',
      'group.join_request_reviewed',
    ]);
    expect(seen.carol).toEqual([]);
  });

  it('replays the decision to an applicant who was offline', async () => {
    const { alice, dave, group } = await club();
    const first = dave.client.realtime();
    const positions: number[] = [];
    first.on('event', (_event, { position }) => positions.push(position));
    await first.connect();
    const request = await ask(dave, group.id);
    // Dave learns nothing of his own request; a friend request marks where he stopped.
    await befriend(alice, dave);
    await waitFor(() => positions.length > 0, 5000, 'an event for Dave');
    first.close();
    const stopped = positions.at(-1)!;
    await reject(alice, request.id, 'Not this year.');
    const second = dave.client.realtime({ since: stopped });
    const replayed: RealtimeEvent[] = [];
    second.on('event', (event) => replayed.push(event));
    await second.connect();
    await waitFor(
      () => replayed.some((e) => e.type === 'group.join_request_reviewed'),
      5000,
      'the replayed decision',
    );
    second.close();
    expect(replayed.find((e) => e.type === 'group.join_request_reviewed')!.data).toMatchObject({
      id: request.id,
      status: 'rejected',
      reason: 'Not this year.',
    });
  });
});

describe('what an approved applicant sees', () => {
  it('shows the history from their join on, not before', async () => {
    const { alice, bob, carol, dave, group } = await club();
    await sendText(alice, group.conversation_id, 'before the request');
    const request = await ask(dave, group.id);
    await sendText(carol, group.conversation_id, 'while it waits');
    await approve(bob, request.id);
    const after = await sendText(carol, group.conversation_id, 'welcome Dave');
    const history = await dave.client.listMessages({
      path: { conversation_id: group.conversation_id },
    });
    expect(history.items.map((m) => m.id)).toEqual([after.id]);
  });
});
