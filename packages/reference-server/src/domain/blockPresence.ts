import type { Services } from './Services.js';

/**
 * Who among `userIds` is online as `viewerId` may see it: presence never crosses a block, either
 * way (as `presence.updated` events do not), so a user who blocked the viewer, or whom the viewer
 * blocked, always looks offline. One presence query and one blocks query for the whole list.
 * @param userIds the friends shown (at most a page).
 */
export async function onlineVisibleTo(
  { db, presence }: Pick<Services, 'db' | 'presence'>,
  viewerId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const online = await presence.onlineAmong(userIds);
  const candidates = userIds.filter((id) => online.has(id));
  if (candidates.length === 0) return online;
  const blocked = await db
    .selectFrom('blocks')
    .select(['blocker_id', 'blocked_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', viewerId), eb('blocked_id', 'in', candidates)]),
        eb.and([eb('blocked_id', '=', viewerId), eb('blocker_id', 'in', candidates)]),
      ]),
    )
    .execute();
  for (const row of blocked)
    online.delete(row.blocker_id === viewerId ? row.blocked_id : row.blocker_id);
  return online;
}
