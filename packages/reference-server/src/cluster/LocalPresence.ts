import type { PresenceDirectory } from './PresenceDirectory.js';

/** What {@link LocalPresence} asks: the realtime hub of this process. */
export interface LocalPresenceSource {
  /** True while the user has at least one authenticated socket on this process. */
  isOnline(userId: string): boolean;
}

/**
 * Presence within one process: the sockets of its own realtime hub, and last-seen times in
 * memory (lost when the process restarts: a user not seen since shows no last-seen time).
 */
export class LocalPresence implements PresenceDirectory {
  private readonly lastSeen = new Map<string, string>();

  /** @param hub this process's realtime hub (or anything that says who is connected here). */
  constructor(private readonly hub: LocalPresenceSource) {}

  async onlineAmong(userIds: readonly string[]): Promise<Set<string>> {
    return new Set(userIds.filter((userId) => this.hub.isOnline(userId)));
  }

  /** One process: nobody is online anywhere else. */
  async onlineElsewhere(_userIds: readonly string[]): Promise<Set<string>> {
    return new Set();
  }

  /** Records `at` unless a later time is already recorded. */
  recordLastSeen(userId: string, at: string): void {
    const known = this.lastSeen.get(userId);
    if (!known || known < at) this.lastSeen.set(userId, at);
  }

  async lastSeenAmong(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const userId of userIds) {
      const at = this.lastSeen.get(userId);
      if (at !== undefined) found.set(userId, at);
    }
    return found;
  }
}
