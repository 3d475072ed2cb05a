// Group invitations (issue 9): any member invites their friends, up to 50 at once with one result
// per user; an owner's or admin's invitation joins at once, a plain member's waits for an owner
// or admin, who approve or reject it. Through the real server and the SDK.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Alice owns a group where Bob is an admin and Carol and Frank are plain members. Dave and Erin
 * are everyone's friends but not members; Mallory is nobody's friend.
 */
async function club(maxMembers?: number) {
  const names = ['alice', 'bob', 'carol', 'frank', 'dave', 'erin', 'mallory'] as const;
  const [alice, bob, carol, frank, dave, erin, mallory] = (await Promise.all(
    names.map((name) => registerUser(t.url, name)),
  )) as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  for (const member of [bob, carol, frank]) await befriend(alice, member);
  for (const member of [alice, bob, carol, frank]) {
    await befriend(member, dave);
    await befriend(member, erin);
  }
  const group = await alice.client.createGroup({
    body: {
      name: 'Climbers',
      member_ids: [bob.user.id, carol.user.id, frank.user.id],
      ...(maxMembers ? { max_members: maxMembers } : {}),
    },
  });
  await makeGroupAdmin(t, group.id, bob.user.id);
  return { alice, bob, carol, frank, dave, erin, mallory, group };
}

const invite = (inviter: TestUser, groupId: string, invitees: TestUser[], message?: string) =>
  inviter.client.inviteGroupMembers({
    path: { group_id: groupId },
    body: { user_ids: invitees.map((u) => u.user.id), ...(message ? { message } : {}) },
  });

const approve = (reviewer: TestUser, groupId: string, invitationId: string) =>
  reviewer.client.approveGroupInvitation({
    path: { group_id: groupId, invitation_id: invitationId },
  });

const reject = (reviewer: TestUser, groupId: string, invitationId: string, reason?: string) =>
  reviewer.client.rejectGroupInvitation({
    path: { group_id: groupId, invitation_id: invitationId },
    ...(reason ? { body: { reason } } : {}),
  });

describe('inviting members', () => {
  it('adds an owner’s invitees at once, with one result per user in request order and totals', async () => {
    const { alice, bob, dave, mallory, group } = await club();
    const unknown = '0192f5aa-0000-7000-8000-00000000abcd';
    const answer = await alice.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: [dave.user.id, mallory.user.id, bob.user.id, unknown] },
    });
    expect(answer).toEqual({
      results: [
        { user_id: dave.user.id, outcome: 'joined', invitation: null, error: null },
        {
          user_id: mallory.user.id,
          outcome: 'failed',
          invitation: null,
          error: { code: 'group.invitee_not_friend', detail: expect.any(String) },
        },
        {
          user_id: bob.user.id,
          outcome: 'failed',
          invitation: null,
          error: { code: 'group.already_member', detail: expect.any(String) },
        },
        {
          user_id: unknown,
          outcome: 'failed',
          invitation: null,
          error: { code: 'user.not_found', detail: expect.any(String) },
        },
      ],
      joined_count: 1,
      pending_count: 0,
      failed_count: 3,
    });
    expect(await groupRoleOf(dave, group.id)).toBe('member');
    expect(await groupRoleOf(mallory, group.id)).toBeNull();
    expect((await dave.client.listGroups()).items.map((g) => g.id)).toEqual([group.id]);
    // A direct invitation is no invitation to review: nothing is listed.
    const listed = await alice.client.listGroupInvitations({ path: { group_id: group.id } });
    expect(listed.items).toEqual([]);
  });

  it('adds an admin’s invitees at once too', async () => {
    const { bob, dave, erin, group } = await club();
    const answer = await invite(bob, group.id, [dave, erin]);
    expect(answer.results.map((r) => r.outcome)).toEqual(['joined', 'joined']);
    expect(answer.joined_count).toBe(2);
    expect(await groupRoleOf(dave, group.id)).toBe('member');
    expect(await groupRoleOf(erin, group.id)).toBe('member');
  });

  it('keeps a plain member’s invitation pending until an owner or admin approves it', async () => {
    const { alice, bob, carol, dave, group } = await club();
    const answer = await invite(carol, group.id, [dave], 'Dave climbs with us.');
    expect(answer).toMatchObject({ joined_count: 0, pending_count: 1, failed_count: 0 });
    const [result] = answer.results;
    expect(result).toMatchObject({
      user_id: dave.user.id,
      outcome: 'pending',
      error: null,
      invitation: {
        group_id: group.id,
        inviter: { id: carol.user.id, username: carol.username },
        invitee: { id: dave.user.id, username: dave.username },
        message: 'Dave climbs with us.',
        status: 'pending',
        reviewer: null,
        reason: null,
        reviewed_at: null,
      },
    });
    // Invitees are not asked, and are not members while the invitation waits.
    expect(await groupRoleOf(dave, group.id)).toBeNull();
    expect(
      await failure(dave.client.listMessages({ path: { conversation_id: group.conversation_id } })),
    ).toEqual({ status: 404, code: 'conversation.not_found' });

    const approved = await approve(bob, group.id, result!.invitation!.id);
    expect(approved).toMatchObject({
      id: result!.invitation!.id,
      status: 'approved',
      reviewer: { id: bob.user.id },
      reason: null,
    });
    expect(approved.reviewed_at).not.toBeNull();
    expect(await groupRoleOf(dave, group.id)).toBe('member');
    expect((await alice.client.getGroup({ path: { group_id: group.id } })).member_count).toBe(5);
  });

  it('lets the owner approve too', async () => {
    const { alice, carol, dave, group } = await club();
    const { results } = await invite(carol, group.id, [dave]);
    await approve(alice, group.id, results[0]!.invitation!.id);
    expect(await groupRoleOf(dave, group.id)).toBe('member');
  });

  it('keeps the invitee out when an admin rejects, with a reason the inviter sees', async () => {
    const { bob, carol, dave, group } = await club();
    const { results } = await invite(carol, group.id, [dave]);
    const id = results[0]!.invitation!.id;
    const rejected = await reject(bob, group.id, id, 'Members only.');
    expect(rejected).toMatchObject({
      id,
      status: 'rejected',
      reason: 'Members only.',
      reviewer: { id: bob.user.id },
    });
    expect(await groupRoleOf(dave, group.id)).toBeNull();
    const mine = await carol.client.listGroupInvitations({ path: { group_id: group.id } });
    expect(mine.items).toEqual([rejected]);
    // A rejection without a reason is fine too.
    const again = await invite(carol, group.id, [dave]);
    expect(again.results[0]!.outcome).toBe('pending');
    expect(await reject(bob, group.id, again.results[0]!.invitation!.id)).toMatchObject({
      status: 'rejected',
      reason: null,
    });
  });

  it('fails a second pending invitation of the same user, and lets the others through', async () => {
    const { carol, frank, dave, erin, mallory, group } = await club();
    await invite(carol, group.id, [dave]);
    const answer = await invite(frank, group.id, [dave, erin, mallory]);
    expect(answer.results.map((r) => [r.outcome, r.error?.code ?? null])).toEqual([
      ['failed', 'group.invitation_already_pending'],
      ['pending', null],
      ['failed', 'group.invitee_not_friend'],
    ]);
    expect(answer).toMatchObject({ joined_count: 0, pending_count: 1, failed_count: 2 });
  });

  it('keeps one pending invitation per user and group in the database too', async () => {
    const { carol, frank, dave, group } = await club();
    // Two members at once: one invitation waits, the other fails.
    const [first, second] = await Promise.all([
      invite(carol, group.id, [dave]),
      invite(frank, group.id, [dave]),
    ]);
    expect([first, second].map((a) => a.results[0]!.outcome).sort()).toEqual(['failed', 'pending']);
    // The partial unique index refuses a second pending row, for processes that race.
    const [newId, now] = ['0192f5aa-0000-7000-8000-0000000000bb', new Date().toISOString()];
    await expect(
      sql`insert into group_invitations (id, group_id, inviter_id, invitee_id, status, created_at)
        values (${newId}, ${group.id}, ${frank.user.id}, ${dave.user.id}, 'pending', ${now})`.execute(
        t.server.services.db,
      ),
    ).rejects.toThrow(/unique/i);
  });

  it('refuses to review an invitation twice, one of another group, or one that does not exist', async () => {
    const { alice, bob, carol, dave, erin, group } = await club();
    const { results } = await invite(carol, group.id, [dave, erin]);
    const [forDave, forErin] = results.map((r) => r.invitation!.id);
    await approve(bob, group.id, forDave!);
    expect(await failure(approve(alice, group.id, forDave!))).toEqual({
      status: 409,
      code: 'group.invitation_not_pending',
    });
    expect(await failure(reject(alice, group.id, forDave!))).toEqual({
      status: 409,
      code: 'group.invitation_not_pending',
    });
    await reject(bob, group.id, forErin!);
    expect(await failure(approve(alice, group.id, forErin!))).toEqual({
      status: 409,
      code: 'group.invitation_not_pending',
    });
    expect(await failure(approve(alice, group.id, '0192f5aa-0000-7000-8000-00000000dead'))).toEqual(
      { status: 404, code: 'group.invitation_not_found' },
    );
    // Alice owns another group: the invitation's id is not one of that group's.
    const other = await alice.client.createGroup({ body: { name: 'Other' } });
    const pending = await invite(carol, group.id, [erin]);
    expect(await failure(approve(alice, other.id, pending.results[0]!.invitation!.id))).toEqual({
      status: 404,
      code: 'group.invitation_not_found',
    });
    expect(await groupRoleOf(erin, group.id)).toBeNull();
  });

  it('lets only the owner and admins review', async () => {
    const { carol, frank, dave, mallory, group } = await club();
    const { results } = await invite(carol, group.id, [dave]);
    const id = results[0]!.invitation!.id;
    expect(await failure(approve(frank, group.id, id))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    expect(await failure(reject(carol, group.id, id))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    expect(await failure(approve(mallory, group.id, id))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    expect(await failure(invite(mallory, group.id, [dave]))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    expect(await groupRoleOf(dave, group.id)).toBeNull();
  });

  it('fills the free places in request order and fails the rest with group.full', async () => {
    // Four members of five: one place left.
    const { alice, carol, dave, erin, group } = await club(5);
    const pending = await invite(carol, group.id, [dave]);
    expect(pending.results[0]!.outcome).toBe('pending');
    const answer = await invite(alice, group.id, [erin, dave]);
    expect(answer.results.map((r) => [r.outcome, r.error?.code ?? null])).toEqual([
      ['joined', null],
      ['failed', 'group.full'],
    ]);
    // A pending invitation takes a place only when approved: now there is none.
    const id = pending.results[0]!.invitation!.id;
    expect(await failure(approve(alice, group.id, id))).toEqual({
      status: 409,
      code: 'group.full',
    });
    const [still] = (await alice.client.listGroupInvitations({ path: { group_id: group.id } }))
      .items;
    expect(still).toMatchObject({ id, status: 'pending' });
    expect(await groupRoleOf(dave, group.id)).toBeNull();
    // And a plain member's invitation to a full group fails at once.
    const late = await registerUser(t.url, 'late');
    await befriend(carol, late);
    expect((await invite(carol, group.id, [late])).results[0]!.error?.code).toBe('group.full');
  });

  it('settles the invitee’s pending invitation and join request when an owner invites them directly', async () => {
    const { alice, carol, dave, group } = await club();
    const pending = await invite(carol, group.id, [dave]);
    const request = await dave.client.createGroupJoinRequest({ body: { group_id: group.id } });
    await invite(alice, group.id, [dave]);
    const [invitation] = (await carol.client.listGroupInvitations({ path: { group_id: group.id } }))
      .items;
    expect(invitation).toMatchObject({
      id: pending.results[0]!.invitation!.id,
      status: 'approved',
      reviewer: { id: alice.user.id },
    });
    const [sent] = (await dave.client.listGroupJoinRequests({ query: { direction: 'sent' } }))
      .items;
    expect(sent).toMatchObject({
      id: request.id,
      status: 'approved',
      reviewer: { id: alice.user.id },
    });
    // Both learn it in their group event feed.
    expect((await carol.client.listGroupEvents()).items).toMatchObject([
      { type: 'invitation_approved', actor: { id: alice.user.id } },
    ]);
    expect((await dave.client.listGroupEvents()).items).toMatchObject([
      { type: 'join_request_approved', actor: { id: alice.user.id } },
    ]);
  });
});

describe('listing invitations', () => {
  it('shows the owner and admins every invitation and a plain member their own, newest first', async () => {
    const { alice, bob, carol, frank, dave, erin, group } = await club();
    const byCarol = await invite(carol, group.id, [dave]);
    const byFrank = await invite(frank, group.id, [erin]);
    const [carols, franks] = [byCarol, byFrank].map((a) => a.results[0]!.invitation!.id);
    const ids = async (user: TestUser) =>
      (await user.client.listGroupInvitations({ path: { group_id: group.id } })).items.map(
        (i) => i.id,
      );
    expect(await ids(alice)).toEqual([franks, carols]);
    expect(await ids(bob)).toEqual([franks, carols]);
    expect(await ids(carol)).toEqual([carols]);
    expect(await ids(frank)).toEqual([franks]);
  });

  it('filters by status and pages with cursors', async () => {
    const { alice, bob, carol, dave, erin, group } = await club();
    const third = await registerUser(t.url, 'third');
    await befriend(carol, third);
    const made = await invite(carol, group.id, [dave, erin, third]);
    const [forDave, forErin, forThird] = made.results.map((r) => r.invitation!.id);
    await reject(bob, group.id, forErin!);
    const list = (query: object) =>
      alice.client.listGroupInvitations({ path: { group_id: group.id }, query });
    const pending = await list({ status: 'pending' });
    expect(pending.items.map((i) => i.id)).toEqual([forThird, forDave]);
    expect((await list({ status: 'rejected' })).items.map((i) => i.id)).toEqual([forErin]);
    expect((await list({ status: 'approved' })).items).toEqual([]);

    const first = await list({ limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([forThird, forErin]);
    expect(first.has_more).toBe(true);
    const second = await list({ limit: 2, after: first.next_cursor });
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.items.map((i) => i.id)).toEqual([forDave]);
    // A cursor is only good for the list it came from.
    expect(
      await failure(
        carol.client.listGroupInvitations({
          path: { group_id: group.id },
          query: { limit: 2, after: first.next_cursor! },
        }),
      ),
    ).toEqual({ status: 422, code: 'cursor.invalid' });
  });
});

describe('invitation events', () => {
  it('tells the owner and admins about a pending invitation, and the inviter and reviewers about the decision', async () => {
    const { alice, bob, carol, frank, dave, mallory, group } = await club();
    const watching = await watchEvents(t.url, { alice, bob, carol, frank, dave, mallory });
    const { results } = await invite(carol, group.id, [dave]);
    const invitation = results[0]!.invitation!;
    const approved = await approve(bob, group.id, invitation.id);
    const seen = await watching.settle();
    const types = (name: string) => seen[name]!.map((e) => e.type);
    expect(types('alice')).toEqual([
      'group.invitation_created',
      'group.invitation_reviewed',
      'group.member_joined',
    ]);
    expect(types('bob')).toEqual(types('alice'));
    expect(types('carol')).toEqual([
      'group.invitation_reviewed',
      'notification.group_event',
      'group.member_joined',
    ]);
    expect(types('frank')).toEqual(['group.member_joined']);
    expect(types('dave')).toEqual(['group.member_joined']);
    expect(types('mallory')).toEqual([]);
    expect(seen.alice![0]!.data).toEqual(invitation);
    expect(seen.carol![0]!.data).toEqual(approved);
    // The inviter's group event feed has the decision too.
    const [entry] = (await carol.client.listGroupEvents()).items;
    expect(seen.carol![1]!.data).toEqual(entry);
    expect(entry).toMatchObject({
      type: 'invitation_approved',
      group: { id: group.id },
      actor: { id: bob.user.id },
      reason: null,
    });
    expect(seen.dave![0]!.data).toMatchObject({
      group_id: group.id,
      user: { id: dave.user.id },
      role: 'member',
    });
  });

  it('tells the inviter about a rejection and its reason, and nobody outside the reviewers', async () => {
    const { alice, bob, carol, frank, dave, group } = await club();
    const watching = await watchEvents(t.url, { alice, bob, carol, frank, dave });
    const { results } = await invite(carol, group.id, [dave]);
    await reject(alice, group.id, results[0]!.invitation!.id, 'Not now.');
    const seen = await watching.settle();
    expect(seen.carol!.map((e) => [e.type, (e.data as { reason: string }).reason])).toEqual([
      ['group.invitation_reviewed', 'Not now.'],
      ['notification.group_event', 'Not now.'],
    ]);
    expect((await carol.client.listGroupEvents()).items).toMatchObject([
      { type: 'invitation_rejected', actor: { id: alice.user.id }, reason: 'Not now.' },
    ]);
    expect((await dave.client.listGroupEvents()).items).toEqual([]);
    expect(seen.bob!.map((e) => e.type)).toEqual([
      'group.invitation_created',
      'group.invitation_reviewed',
    ]);
    expect(seen.frank).toEqual([]);
    expect(seen.dave).toEqual([]);
  });

  it('announces a direct invitee to every member, the invitee included, and to nobody else', async () => {
    const { alice, bob, frank, dave, mallory, group } = await club();
    const watching = await watchEvents(t.url, { bob, frank, dave, mallory });
    await invite(alice, group.id, [dave]);
    const seen = await watching.settle();
    for (const name of ['bob', 'frank', 'dave']) {
      expect(seen[name]!.map((e) => e.type)).toEqual(['group.member_joined']);
    }
    expect(seen.mallory).toEqual([]);
  });
});

describe('what an invitee sees', () => {
  it('shows an approved invitee the history from their join on, not before', async () => {
    const { alice, bob, carol, dave, erin, group } = await club();
    await sendText(alice, group.conversation_id, 'before the invitation');
    const { results } = await invite(carol, group.id, [dave]);
    await sendText(bob, group.conversation_id, 'while it waits');
    await approve(bob, group.id, results[0]!.invitation!.id);
    const after = await sendText(carol, group.conversation_id, 'welcome Dave');
    const history = await dave.client.listMessages({
      path: { conversation_id: group.conversation_id },
    });
    expect(history.items.map((m) => m.id)).toEqual([after.id]);

    // The same for an owner's direct invitation.
    await invite(alice, group.id, [erin]);
    const next = await sendText(alice, group.conversation_id, 'welcome Erin');
    const erins = await erin.client.listMessages({
      path: { conversation_id: group.conversation_id },
    });
    expect(erins.items.map((m) => m.id)).toEqual([next.id]);
  });
});
