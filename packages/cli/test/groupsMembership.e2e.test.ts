import type { Group, GroupInvitation, GroupInvitationResults, GroupJoinRequest } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { groupTestServer } from './support/groupTestServer.js';
import { befriendAll, ok, registeredUser } from './support/realServer.js';

const t = groupTestServer();

/** The usernames of the groups `user` is in. */
async function groupNames(user: Parameters<typeof ok>[0]): Promise<string[]> {
  return (JSON.parse(await ok(user, ['groups', 'list', '--json'])) as Group[]).map((g) => g.name);
}

describe('imkit groups invitations and join requests against the real server (issue 9)', () => {
  it("a member's invitation waits for review; the owner rejects, then approves one", async () => {
    const { ann, ben } = await t.groupOfThree('i1', 'Club');
    const dan = await registeredUser(t.url, 'i1_dan');
    await befriendAll([ben, dan]);

    const invited = await ok(ben, [
      'groups',
      'invite',
      'Club',
      dan.username,
      '--message',
      'climbs',
    ]);
    expect(invited).toMatch(
      new RegExp(
        `^${dan.username}: invited, waits for an owner or admin \\(invitation \\S+\\)\\n$`,
      ),
    );
    const pending = JSON.parse(
      await ok(ann, ['groups', 'invitations', 'Club', '--pending', '--json']),
    ) as GroupInvitation[];
    expect(pending.map((i) => [i.invitee.username, i.inviter.username, i.status])).toEqual([
      [dan.username, ben.username, 'pending'],
    ]);
    const first = pending[0] as GroupInvitation;
    expect(await ok(ann, ['groups', 'invitations', '#Club'])).toContain(`${first.id}  [`);
    expect(await ok(ann, ['groups', 'reject', 'Club', first.id, '--reason', 'not now'])).toBe(
      `rejected: ${dan.username} does not join #Club\n`,
    );
    expect(await groupNames(dan)).toEqual([]);

    const again = JSON.parse(
      await ok(ben, ['groups', 'invite', 'Club', dan.username, '--json']),
    ) as GroupInvitationResults;
    const second = again.results[0]?.invitation as GroupInvitation;
    expect(again).toMatchObject({ pending_count: 1, failed_count: 0 });
    // A plain member may not review.
    const refused = await ben.run(['groups', 'approve', 'Club', second.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\(group\.permission_denied\)\n$/);
    expect(await ok(ann, ['groups', 'approve', 'Club', second.id])).toBe(
      `approved: ${dan.username} joined #Club\n`,
    );
    expect(await groupNames(dan)).toEqual(['Club']);
    const history = await ok(ann, ['groups', 'invitations', 'Club', '--json']);
    expect((JSON.parse(history) as GroupInvitation[]).map((i) => i.status).sort()).toEqual([
      'approved',
      'rejected',
    ]);
  });

  it("an owner's invitation joins at once; a failed one exits 1 with the reason", async () => {
    const { ann, ben } = await t.groupOfThree('i2', 'Crew');
    const dan = await registeredUser(t.url, 'i2_dan');
    await befriendAll([ann, dan]);
    const result = await ann.run(['groups', 'invite', 'Crew', dan.username, ben.username]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${dan.username}: joined\n`);
    expect(result.stderr).toMatch(
      new RegExp(`^${ben.username}: not invited: .+ \\(group\\.already_member\\)\\n$`),
    );
    expect(await groupNames(dan)).toEqual(['Crew']);
  });

  it('join by id, reviewed by the owner: approve-request and reject-request', async () => {
    const { ann, cat, group } = await t.groupOfThree('i3', 'Open');
    const eve = await registeredUser(t.url, 'i3_eve');
    const fay = await registeredUser(t.url, 'i3_fay');

    const asked = await ok(eve, ['groups', 'join', `#${group.id}`, '--message', 'hi all']);
    expect(asked).toMatch(/^asked to join #Open: request \S+ is pending\n$/);
    await ok(fay, ['groups', 'join', group.id]);

    const toReview = JSON.parse(
      await ok(ann, ['groups', 'requests', '--pending', '--json']),
    ) as GroupJoinRequest[];
    expect(toReview.map((r) => r.applicant.username).sort()).toEqual([eve.username, fay.username]);
    const sent = JSON.parse(
      await ok(eve, ['groups', 'requests', '--sent', '--json']),
    ) as GroupJoinRequest[];
    expect(sent.map((r) => [r.group.id, r.status, r.message])).toEqual([
      [group.id, 'pending', 'hi all'],
    ]);
    const lines = await ok(ann, ['groups', 'requests']);
    expect(lines).toContain(`${eve.username} asks to join #Open: "hi all"`);

    const eveRequest = toReview.find(
      (r) => r.applicant.username === eve.username,
    ) as GroupJoinRequest;
    const fayRequest = toReview.find(
      (r) => r.applicant.username === fay.username,
    ) as GroupJoinRequest;
    // A plain member may not review.
    const refused = await cat.run(['groups', 'approve-request', eveRequest.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: .+ \(group\.permission_denied\)\n$/);

    expect(await ok(ann, ['groups', 'approve-request', eveRequest.id])).toBe(
      `approved: ${eve.username} joined #Open\n`,
    );
    expect(
      await ok(ann, ['groups', 'reject-request', fayRequest.id, '--reason', 'members only']),
    ).toBe(`rejected: ${fay.username} does not join #Open\n`);
    expect(await groupNames(eve)).toEqual(['Open']);
    expect(await groupNames(fay)).toEqual([]);
    const fays = JSON.parse(
      await ok(fay, ['groups', 'requests', '--sent', '--json']),
    ) as GroupJoinRequest[];
    expect(fays.map((r) => [r.status, r.reason])).toEqual([['rejected', 'members only']]);
    // The new member chats in the group at once.
    await ok(eve, ['send', '#Open', 'hello, I am new']);
  });
});
