// Group announcements (issue 9): members read them newest first, the owner and admins post and
// delete them, members' sockets get `group.announcement_created` and nobody else's do.
import type { GroupAnnouncement } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGroupAnnouncement,
  deleteGroupAnnouncement,
} from '../src/domain/groupAnnouncements.js';
import { waitFor } from './support/collect.js';
import { failure } from './support/expectCode.js';
import { makeGroupAdmin } from './support/groupAdmin.js';
import { groupCrew } from './support/groupCrew.js';
import { rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import type { TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Owner Alice, admin Bob, member Carol in one group; Dave is not in it. */
async function climbers() {
  const crew = await groupCrew(t.url);
  // Made admin in the database: setGroupMemberRole has its own tests.
  await makeGroupAdmin(t, crew.group.id, crew.bob.user.id);
  return crew;
}

const post = (user: TestUser, groupId: string, content: string) =>
  user.client.createGroupAnnouncement({ path: { group_id: groupId }, body: { content } });

const list = (user: TestUser, groupId: string, query: { limit?: number; after?: string } = {}) =>
  user.client.listGroupAnnouncements({ path: { group_id: groupId }, query });

describe('group announcements', () => {
  it('lets the owner and an admin post, and every member read them newest first', async () => {
    const { alice, bob, carol, group } = await climbers();
    const first = await post(alice, group.id, 'The wall is closed on 28 November.');
    const second = await post(bob, group.id, 'We meet at the park instead.');
    expect(first).toMatchObject({
      group_id: group.id,
      author: { id: alice.user.id, username: alice.username, deleted: false },
      content: 'The wall is closed on 28 November.',
    });
    expect(second.author.id).toBe(bob.user.id);
    const page = await list(carol, group.id);
    expect(page).toEqual({ items: [second, first], next_cursor: null, has_more: false });
  });

  it('refuses a plain member’s post, and an outsider’s post or read', async () => {
    const { carol, dave, group } = await climbers();
    expect(await failure(post(carol, group.id, 'Me too'))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    expect(await failure(post(dave, group.id, 'Hello'))).toEqual({
      status: 403,
      code: 'group.not_member',
    });
    expect(await failure(list(dave, group.id))).toEqual({ status: 403, code: 'group.not_member' });
    expect((await list(carol, group.id)).items).toEqual([]);
  });

  it('refuses empty content and content over 2000 characters', async () => {
    const { alice, group } = await climbers();
    const token = await alice.client.getAccessToken();
    for (const content of ['', 'x'.repeat(2001)]) {
      const answer = await rawRequest(t.url, 'POST', `/groups/${group.id}/announcements`, {
        token,
        body: { content },
      });
      expect(answer.status).toBe(422);
      expect(answer.body?.code).toBe('validation.failed');
    }
    await expect(post(alice, group.id, 'x'.repeat(2000))).resolves.toMatchObject({
      content: 'x'.repeat(2000),
    });
  });

  it('pages newest first with a cursor that only works for its own group', async () => {
    const { alice, carol, group } = await climbers();
    const posted: GroupAnnouncement[] = [];
    for (const n of [1, 2, 3]) posted.push(await post(alice, group.id, `notice ${n}`));
    const first = await list(carol, group.id, { limit: 2 });
    expect(first.items.map((a) => a.content)).toEqual(['notice 3', 'notice 2']);
    expect(first.has_more).toBe(true);
    const second = await list(carol, group.id, { limit: 2, after: first.next_cursor! });
    expect(second).toEqual({ items: [posted[0]], next_cursor: null, has_more: false });

    const other = await alice.client.createGroup({ body: { name: 'Other' } });
    expect(await failure(list(alice, other.id, { after: first.next_cursor! }))).toEqual({
      status: 422,
      code: 'cursor.invalid',
    });
  });

  it('lets the owner or an admin delete one, and answers 404 for one that is not there', async () => {
    const { alice, bob, carol, group } = await climbers();
    const kept = await post(alice, group.id, 'kept');
    const gone = await post(alice, group.id, 'gone');
    const remove = (user: TestUser, groupId: string, announcementId: string) =>
      user.client.deleteGroupAnnouncement({
        path: { group_id: groupId, announcement_id: announcementId },
      });
    expect(await failure(remove(carol, group.id, gone.id))).toEqual({
      status: 403,
      code: 'group.permission_denied',
    });
    await remove(bob, group.id, gone.id);
    expect((await list(carol, group.id)).items).toEqual([kept]);
    expect(await failure(remove(alice, group.id, gone.id))).toEqual({
      status: 404,
      code: 'group.announcement_not_found',
    });
    // Another group's announcement is not this group's: refused, and left in place.
    const other = await alice.client.createGroup({ body: { name: 'Other' } });
    expect(await failure(remove(alice, other.id, kept.id))).toEqual({
      status: 404,
      code: 'group.announcement_not_found',
    });
    expect((await list(carol, group.id)).items).toEqual([kept]);
  });

  it('refuses a post or a delete when the group or the caller’s role changed after the gate admitted it', async () => {
    const { alice, bob, carol, group } = await climbers();
    const kept = await post(alice, group.id, 'kept');
    const db = t.server.services.db;
    // What the gate read before the unit of work began: Bob as an admin of a live group.
    const access = {
      group: await db
        .selectFrom('groups')
        .selectAll()
        .where('id', '=', group.id)
        .executeTakeFirstOrThrow(),
      caller: await db
        .selectFrom('group_members')
        .selectAll()
        .where('group_id', '=', group.id)
        .where('user_id', '=', bob.user.id)
        .executeTakeFirstOrThrow(),
    };
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'done',
        (error: { status: number; code: string }) => `${error.status} ${error.code}`,
      );
    await db
      .updateTable('group_members')
      .set({ role: 'member' })
      .where('group_id', '=', group.id)
      .where('user_id', '=', bob.user.id)
      .execute();
    expect(await code(createGroupAnnouncement(t.server.services, access, 'late'))).toBe(
      '403 group.permission_denied',
    );
    expect(await code(deleteGroupAnnouncement(t.server.services, access, kept.id))).toBe(
      '403 group.permission_denied',
    );
    await db
      .updateTable('groups')
      .set({ dismissed_at: new Date().toISOString() })
      .where('id', '=', group.id)
      .execute();
    expect(await code(createGroupAnnouncement(t.server.services, access, 'late'))).toBe(
      '404 group.not_found',
    );
    await db.updateTable('groups').set({ dismissed_at: null }).where('id', '=', group.id).execute();
    expect((await list(carol, group.id)).items).toEqual([kept]);
  });

  it('pushes group.announcement_created to members’ sockets and not to an outsider’s', async () => {
    const { alice, bob, carol, dave, group } = await climbers();
    const seen: Record<string, string[]> = { bob: [], carol: [], dave: [] };
    const users = { bob, carol, dave };
    const sockets = await Promise.all(
      Object.entries(users).map(async ([name, user]) => {
        const realtime = user.client.realtime();
        realtime.on('event', (event) => {
          const data = (event as { data?: { id?: string } }).data;
          seen[name]!.push(`${event.type} ${data?.id ?? ''}`);
        });
        await realtime.connect();
        return realtime;
      }),
    );
    const announcement = await post(alice, group.id, 'Rope check at 9');
    const expected = `group.announcement_created ${announcement.id}`;
    await waitFor(
      () => seen.bob!.includes(expected) && seen.carol!.includes(expected),
      5000,
      'the announcement on the members’ sockets',
    );
    // Dave's next event is a friend request made after the post: events arrive in stream
    // order, so once it is there, the announcement would have come before it.
    const request = await bob.client.sendFriendRequest({ body: { user_id: dave.user.id } });
    await waitFor(
      () => seen.dave!.includes(`friend_request.created ${request.id}`),
      5000,
      'the friend request on Dave’s socket',
    );
    expect(seen.dave).toEqual([`friend_request.created ${request.id}`]);
    for (const socket of sockets) socket.close();
  });
});
