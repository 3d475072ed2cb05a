// The group event feed (issue 9): what groups did to or for a user, recorded by the operation
// that does it through `recordGroupEvent`, listed newest first, marked read up to an entry,
// and pushed as `notification.group_event` to that user's sockets only. Until those
// operations exist, the tests record events the way they will: inside a unit of work.
import type { GroupEvent } from '@imkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../src/domain/clock.js';
import { type NewGroupEvent, recordGroupEvent } from '../src/domain/groupEvents.js';
import { waitFor } from './support/collect.js';
import { failure } from './support/expectCode.js';
import { groupCrew } from './support/groupCrew.js';
import { authenticatedRealtime } from './support/rawRealtime.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import type { TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Owner Alice with members Bob and Carol; Dave is in no group. */
async function climbers() {
  return groupCrew(t.url);
}

/** Records a group event in a unit of work, as the operation that causes it will. */
function record(event: Omit<NewGroupEvent, 'now' | 'group'> & { groupId: string }) {
  return t.server.services.work(async (trx, emit) => {
    const group = await trx
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', event.groupId)
      .executeTakeFirstOrThrow();
    return recordGroupEvent(trx, emit, { ...event, group, now: nowIso() });
  });
}

describe('the group event feed', () => {
  it('lists what a group did to the caller, newest first, with the actor and details', async () => {
    const { alice, bob, carol, group } = await climbers();
    const until = new Date(Date.now() + 600_000).toISOString();
    await record({
      type: 'became_admin',
      groupId: group.id,
      userIds: [bob.user.id],
      actorId: alice.user.id,
    });
    await record({
      type: 'muted',
      groupId: group.id,
      userIds: [bob.user.id],
      actorId: alice.user.id,
      mutedUntil: until,
    });
    await record({ type: 'unmuted', groupId: group.id, userIds: [bob.user.id], actorId: null });
    const feed = await bob.client.listGroupEvents();
    expect(feed.has_more).toBe(false);
    expect(feed.next_cursor).toBeNull();
    expect(feed.items.map((e) => e.type)).toEqual(['unmuted', 'muted', 'became_admin']);
    const [unmuted, muted, admin] = feed.items as [GroupEvent, GroupEvent, GroupEvent];
    expect(admin).toMatchObject({
      group: { id: group.id, name: 'Climbers', avatar_url: null },
      actor: { id: alice.user.id, username: alice.username },
      is_read: false,
      muted_until: null,
      reason: null,
    });
    expect(muted.muted_until).toBe(until);
    // The system ends a timed mute: no actor.
    expect(unmuted.actor).toBeNull();
    // Nobody else's feed has them.
    expect((await carol.client.listGroupEvents()).items).toEqual([]);
    expect((await alice.client.listGroupEvents()).items).toEqual([]);
  });

  it('gives every recipient an entry of their own, and a rejection its reason', async () => {
    const { alice, bob, carol, dave, group } = await climbers();
    await record({
      type: 'group_dismissed',
      groupId: group.id,
      userIds: [bob.user.id, carol.user.id],
      actorId: alice.user.id,
    });
    await record({
      type: 'join_request_rejected',
      groupId: group.id,
      userIds: [dave.user.id],
      actorId: alice.user.id,
      reason: 'Members only',
    });
    const [bobs, carols, daves] = await Promise.all(
      [bob, carol, dave].map((user) => user.client.listGroupEvents()),
    );
    expect(bobs!.items.map((e) => e.type)).toEqual(['group_dismissed']);
    expect(carols!.items.map((e) => e.type)).toEqual(['group_dismissed']);
    expect(bobs!.items[0]!.id).not.toBe(carols!.items[0]!.id);
    expect(daves!.items).toMatchObject([{ type: 'join_request_rejected', reason: 'Members only' }]);
  });

  it('keeps entries of a group once it is dismissed', async () => {
    const { alice, bob, group } = await climbers();
    await record({
      type: 'group_dismissed',
      groupId: group.id,
      userIds: [bob.user.id],
      actorId: alice.user.id,
    });
    await t.server.services.db
      .updateTable('groups')
      .set({ dismissed_at: nowIso() })
      .where('id', '=', group.id)
      .execute();
    expect((await bob.client.listGroupEvents()).items).toMatchObject([
      { type: 'group_dismissed', group: { id: group.id, name: 'Climbers' } },
    ]);
  });

  it('pages newest first, filters unread ones, and refuses a cursor of the other filter', async () => {
    const { alice, bob, group } = await climbers();
    for (const type of ['became_admin', 'admin_revoked', 'became_admin'] as const) {
      await record({ type, groupId: group.id, userIds: [bob.user.id], actorId: alice.user.id });
    }
    const all = await bob.client.listGroupEvents({ query: { limit: 2 } });
    expect(all.items.map((e) => e.type)).toEqual(['became_admin', 'admin_revoked']);
    expect(all.has_more).toBe(true);
    const rest = await bob.client.listGroupEvents({ query: { limit: 2, after: all.next_cursor! } });
    expect(rest.items.map((e) => e.type)).toEqual(['became_admin']);
    expect(rest).toMatchObject({ has_more: false, next_cursor: null });

    await bob.client.markGroupEventsRead({ body: { up_to_event_id: all.items[1]!.id } });
    const unread = await bob.client.listGroupEvents({ query: { unread_only: true } });
    expect(unread.items.map((e) => e.id)).toEqual([all.items[0]!.id]);
    expect(
      await failure(
        bob.client.listGroupEvents({ query: { unread_only: true, after: all.next_cursor! } }),
      ),
    ).toEqual({ status: 422, code: 'cursor.invalid' });
    // Another user cannot use Bob's cursor either.
    expect(
      await failure(alice.client.listGroupEvents({ query: { after: all.next_cursor! } })),
    ).toEqual({
      status: 422,
      code: 'cursor.invalid',
    });
  });

  it('marks an entry and every older one read, answers the counts, and never marks back', async () => {
    const { alice, bob, group } = await climbers();
    for (const type of ['became_admin', 'admin_revoked', 'became_owner'] as const) {
      await record({ type, groupId: group.id, userIds: [bob.user.id], actorId: alice.user.id });
    }
    expect((await bob.client.getUnreadCounts()).group_events).toBe(3);
    const [newest, middle, oldest] = (await bob.client.listGroupEvents()).items as GroupEvent[];
    const counts = await bob.client.markGroupEventsRead({ body: { up_to_event_id: middle!.id } });
    expect(counts.group_events).toBe(1);
    expect((await bob.client.listGroupEvents()).items.map((e) => [e.id, e.is_read])).toEqual([
      [newest!.id, false],
      [middle!.id, true],
      [oldest!.id, true],
    ]);
    // Marking an older entry afterwards leaves the read ones read.
    const again = await bob.client.markGroupEventsRead({ body: { up_to_event_id: oldest!.id } });
    expect(again.group_events).toBe(1);
    expect(
      (await bob.client.markGroupEventsRead({ body: { up_to_event_id: newest!.id } })).group_events,
    ).toBe(0);
  });

  it('answers 404 group_event.not_found for an unknown entry or someone else’s', async () => {
    const { alice, bob, carol, group } = await climbers();
    const [entry] = await record({
      type: 'became_admin',
      groupId: group.id,
      userIds: [bob.user.id],
      actorId: alice.user.id,
    });
    expect(
      await failure(carol.client.markGroupEventsRead({ body: { up_to_event_id: entry!.id } })),
    ).toEqual({
      status: 404,
      code: 'group_event.not_found',
    });
    expect(
      await failure(
        bob.client.markGroupEventsRead({
          body: { up_to_event_id: '0192f5aa-0000-7000-8000-000000000000' },
        }),
      ),
    ).toEqual({ status: 404, code: 'group_event.not_found' });
    expect((await bob.client.listGroupEvents()).items[0]!.is_read).toBe(false);
  });

  it('pushes notification.group_event to the recipient’s sockets only, member or not', async () => {
    const { alice, bob, carol, dave, group } = await climbers();
    const seen: Record<string, { type: string; data: unknown }[]> = {
      bob: [],
      carol: [],
      dave: [],
    };
    const sockets = await Promise.all(
      Object.entries({ bob, carol, dave }).map(async ([name, user]) => {
        const realtime = user.client.realtime();
        realtime.on('event', (event) => seen[name]!.push(event as { type: string; data: unknown }));
        await realtime.connect();
        return realtime;
      }),
    );
    const [toBob] = await record({
      type: 'became_admin',
      groupId: group.id,
      userIds: [bob.user.id],
      actorId: alice.user.id,
    });
    // Dave is not a member: a rejected applicant still gets the news.
    const [toDave] = await record({
      type: 'join_request_rejected',
      groupId: group.id,
      userIds: [dave.user.id],
      actorId: alice.user.id,
      reason: 'Full',
    });
    await waitFor(() => seen.bob!.length > 0 && seen.dave!.length > 0, 5000, 'both notifications');
    expect(seen.bob).toEqual([{ type: 'notification.group_event', data: toBob }]);
    expect(seen.dave).toEqual([{ type: 'notification.group_event', data: toDave }]);
    expect((await bob.client.listGroupEvents()).items).toEqual([toBob]);
    // Carol's next event comes after both: had either been hers, it would have arrived first.
    const request = await dave.client.sendFriendRequest({ body: { user_id: carol.user.id } });
    await waitFor(() => seen.carol!.length > 0, 5000, 'the friend request on Carol’s socket');
    expect(seen.carol!.map((e) => e.type)).toEqual(['friend_request.created']);
    expect((seen.carol![0]!.data as { id: string }).id).toBe(request.id);
    for (const socket of sockets) socket.close();
  });

  it('fills the feeds from real operations: a transfer and a dismissal', async () => {
    const { alice, bob, carol, dave, group } = await climbers();
    const notified: Record<string, GroupEvent[]> = { alice: [], bob: [], dave: [] };
    const other: string[] = [];
    const sockets = await Promise.all(
      Object.entries({ alice, bob, dave }).map(async ([name, user]) => {
        const realtime = user.client.realtime();
        realtime.on('notification.group_event', (event) => notified[name]!.push(event));
        if (name === 'dave') realtime.on('friend_request.created', (r) => other.push(r.id));
        await realtime.connect();
        return realtime;
      }),
    );
    await alice.client.transferGroupOwnership({
      path: { group_id: group.id },
      body: { user_id: bob.user.id },
    });
    await bob.client.dismissGroup({ path: { group_id: group.id } });

    const bobs = await bob.client.listGroupEvents();
    expect(bobs.items).toMatchObject([
      { type: 'became_owner', group: { id: group.id }, actor: { id: alice.user.id } },
    ]);
    for (const user of [alice, carol]) {
      expect((await user.client.listGroupEvents()).items).toMatchObject([
        { type: 'group_dismissed', group: { id: group.id }, actor: { id: bob.user.id } },
      ]);
      expect((await user.client.getUnreadCounts()).group_events).toBe(1);
    }
    await waitFor(
      () => notified.alice!.length > 0 && notified.bob!.length > 0,
      5000,
      'the notifications',
    );
    expect(notified.bob).toEqual(bobs.items);
    expect(notified.alice!.map((e) => e.type)).toEqual(['group_dismissed']);
    // Dave, an outsider, gets nothing of it: his next event comes after, and arrives alone.
    const request = await carol.client.sendFriendRequest({ body: { user_id: dave.user.id } });
    await waitFor(() => other.length > 0, 5000, 'the friend request on Dave’s socket');
    expect(other).toEqual([request.id]);
    expect(notified.dave).toEqual([]);
    for (const socket of sockets) socket.close();
  });

  it('replays a notification to its recipient on resume, and to nobody else', async () => {
    const { alice, bob, carol, group } = await climbers();
    const [entry] = await record({
      type: 'removed',
      groupId: group.id,
      userIds: [bob.user.id],
      actorId: alice.user.id,
    });
    // A later event both members see: a replay that reaches it has replayed everything before.
    const announcement = await alice.client.createGroupAnnouncement({
      path: { group_id: group.id },
      body: { content: 'after the notification' },
    });
    const replay = async (user: TestUser) => {
      const token = (await user.client.getAccessToken())!;
      const raw = await authenticatedRealtime(t.url, token, { since: 0 });
      await raw.frame(
        (f) => (f.event?.data as { id?: string } | undefined)?.id === announcement.id,
      );
      raw.ws.close();
      return raw.frames.flatMap((f) => (f.type === 'event' && f.event ? [f.event] : []));
    };
    const bobs = await replay(bob);
    expect(bobs.filter((e) => e.type === 'notification.group_event')).toEqual([
      { type: 'notification.group_event', data: entry },
    ]);
    const carols = await replay(carol);
    expect(carols.filter((e) => e.type === 'notification.group_event')).toEqual([]);
  });
});
