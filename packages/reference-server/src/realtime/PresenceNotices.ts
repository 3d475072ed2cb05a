import type { Logger } from 'pino';
import type { PresenceDirectory } from '../cluster/PresenceDirectory.js';
import type { Database } from '../db/openDatabase.js';
import { nowIso } from '../domain/clock.js';
import type { EphemeralSender } from './ephemeral.js';
import { ephemeralAudience } from './ephemeralAudience.js';
import type { RealtimeHub } from './RealtimeHub.js';

/** How long after a user left this process, while online on another, it looks again, in ms. */
export const OFFLINE_RECHECK_MS = 2000;

/** What {@link PresenceNotices} needs. */
export interface PresenceNoticesDeps {
  db: Database;
  logger: Logger;
  hub: RealtimeHub;
  /** Who is online on other processes; where last-seen times are recorded. */
  presence: PresenceDirectory;
  /** Delivers `presence.updated` to the friends' sockets on every process. */
  send: EphemeralSender;
}

/**
 * Tells a user's friends when the user comes online or goes offline (`presence.updated`, an
 * ephemeral event; operation `connectRealtime`): online at the user's first socket on any
 * process, offline (with `last_seen_at`, also recorded in the presence directory) when the
 * last one closed. A process decides from its own hub and from the directory: a socket opened
 * or closed here while the user still has one on another process changes nothing. Friends with
 * a block between them and the user, either way, are not told. Each user's notices are worked
 * out in the order their sockets came and went, so a friend never sees an older state last.
 *
 * Two sockets of one user on two processes closing at the same moment may each still see the
 * other: so a process that saw its last socket of a user close while the user was online
 * elsewhere looks again {@link OFFLINE_RECHECK_MS} later, and tells the friends if the user is
 * gone everywhere by then (both processes may tell; the state is the same). Opening at the same
 * moment may tell `online` twice. `listFriends` always has the current state.
 */
export class PresenceNotices {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly rechecks = new Set<NodeJS.Timeout>();
  private readonly stopListening: () => void;
  private stopped = false;

  /** Starts listening to the hub's presence changes. */
  constructor(private readonly deps: PresenceNoticesDeps) {
    this.stopListening = deps.hub.onPresenceChange((userId, online) => this.queue(userId, online));
  }

  /**
   * Stops sending notices (a process shutting down: its users reconnect to another process,
   * they did not go offline; none is sent from now on) and resolves once the notices under way
   * settled, so nothing reads the database afterwards.
   */
  async close(): Promise<void> {
    this.stopped = true;
    this.stopListening();
    for (const timer of this.rechecks) clearTimeout(timer);
    this.rechecks.clear();
    await Promise.all([...this.pending.values()]);
  }

  private queue(userId: string, online: boolean, recheck = false): void {
    const previous = this.pending.get(userId) ?? Promise.resolve();
    const next = previous
      .then(() => this.notify(userId, online, recheck))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'presence notice failed'))
      .finally(() => {
        if (this.pending.get(userId) === next) this.pending.delete(userId);
      });
    this.pending.set(userId, next);
  }

  private async notify(userId: string, online: boolean, recheck: boolean): Promise<void> {
    const { db, hub, presence, send } = this.deps;
    if (this.stopped) return;
    // The hub changed again since this change was queued: that later change will tell.
    if (hub.isOnline(userId) !== online) return;
    if ((await presence.onlineElsewhere([userId])).has(userId)) {
      if (!online && !recheck) this.recheckLater(userId);
      return;
    }
    const lastSeenAt = online ? null : nowIso();
    if (lastSeenAt) presence.recordLastSeen(userId, lastSeenAt);
    const friends = await db
      .selectFrom('friendships')
      .select('friend_id')
      .where('user_id', '=', userId)
      .execute();
    const audience = await ephemeralAudience(
      db,
      userId,
      friends.map((row) => row.friend_id),
    );
    if (this.stopped || audience.length === 0) return;
    send(audience, {
      type: 'presence.updated',
      data: { user_id: userId, presence: online ? 'online' : 'offline', last_seen_at: lastSeenAt },
    });
  }

  /** Looks once more, {@link OFFLINE_RECHECK_MS} from now, whether the user is gone everywhere. */
  private recheckLater(userId: string): void {
    const timer = setTimeout(() => {
      this.rechecks.delete(timer);
      this.queue(userId, false, true);
    }, OFFLINE_RECHECK_MS);
    timer.unref();
    this.rechecks.add(timer);
  }
}
