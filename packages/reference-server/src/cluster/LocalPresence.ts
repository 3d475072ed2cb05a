import type { PresenceDirectory } from './PresenceDirectory.js';

/** What {@link LocalPresence} asks: the realtime hub of this process. */
export interface LocalPresenceSource {
  /** True while the user has at least one authenticated socket on this process. */
  isOnline(userId: string): boolean;
}

/** Presence within one process: the sockets of its own realtime hub. */
export class LocalPresence implements PresenceDirectory {
  /** @param hub this process's realtime hub (or anything that says who is connected here). */
  constructor(private readonly hub: LocalPresenceSource) {}

  async onlineAmong(userIds: readonly string[]): Promise<Set<string>> {
    return new Set(userIds.filter((userId) => this.hub.isOnline(userId)));
  }
}
