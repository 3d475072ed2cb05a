import type { Schema } from '../spec/operationTypes.js';
import type { Services } from './Services.js';

/** Who among `userIds` blocked `viewerId` or was blocked by them: one query for the list. */
async function blockedEitherWay(
  db: Services['db'],
  viewerId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('blocks')
    .select(['blocker_id', 'blocked_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', viewerId), eb('blocked_id', 'in', userIds)]),
        eb.and([eb('blocked_id', '=', viewerId), eb('blocker_id', 'in', userIds)]),
      ]),
    )
    .execute();
  return new Set(
    rows.map((row) => (row.blocker_id === viewerId ? row.blocked_id : row.blocker_id)),
  );
}

/**
 * Who among `userIds` is online as `viewerId` may see it: presence never crosses a block, either
 * way (as `presence.updated` events do not), so a user who blocked the viewer, or whom the viewer
 * blocked, always looks offline. One presence query and one blocks query for the whole list.
 * @param userIds the users shown (at most a page).
 */
export async function onlineVisibleTo(
  { db, presence }: Pick<Services, 'db' | 'presence'>,
  viewerId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const online = await presence.onlineAmong(userIds);
  const blocked = await blockedEitherWay(
    db,
    viewerId,
    userIds.filter((id) => online.has(id)),
  );
  for (const id of blocked) online.delete(id);
  return online;
}

/** The presence fields of a `Friend`. */
export type FriendPresence = Pick<Schema<'Friend'>, 'presence' | 'last_seen_at'>;

/**
 * The `presence` and `last_seen_at` of friends as `viewerId` may see them: neither crosses a
 * block (see {@link onlineVisibleTo}); last seen comes from the presence directory (every server
 * process, through Redis when configured). Three queries for the whole list, whatever its length.
 * @param friendIds the friends shown (at most a page).
 * @returns a lookup by friend id.
 */
export async function friendPresenceVisibleTo(
  { db, presence }: Pick<Services, 'db' | 'presence'>,
  viewerId: string,
  friendIds: readonly string[],
): Promise<(friendId: string) => FriendPresence> {
  const online = friendIds.length > 0 ? await presence.onlineAmong(friendIds) : new Set<string>();
  const blocked = await blockedEitherWay(db, viewerId, friendIds);
  const offline = friendIds.filter((id) => !online.has(id) && !blocked.has(id));
  const lastSeen = offline.length > 0 ? await presence.lastSeenAmong(offline) : new Map();
  return (friendId) =>
    online.has(friendId) && !blocked.has(friendId)
      ? { presence: 'online', last_seen_at: null }
      : { presence: 'offline', last_seen_at: lastSeen.get(friendId) ?? null };
}
