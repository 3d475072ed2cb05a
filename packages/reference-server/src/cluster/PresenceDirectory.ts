/**
 * Answers "who is online?" — a user is online while at least one of their devices holds an
 * authenticated realtime socket, on any server process — and "when was an offline user last
 * seen?".
 */
export interface PresenceDirectory {
  /**
   * The users among `userIds` who are online now. Never rejects: an implementation that
   * cannot reach its shared store answers from what this process knows.
   */
  onlineAmong(userIds: readonly string[]): Promise<Set<string>>;
  /**
   * The users among `userIds` with a socket on another server process (this process's own
   * sockets do not count). Never rejects: without a reachable shared store, nobody.
   */
  onlineElsewhere(userIds: readonly string[]): Promise<Set<string>>;
  /**
   * Records when a user's last connection closed (`at`, an ISO 8601 date-time). Fire and
   * forget; never throws.
   */
  recordLastSeen(userId: string, at: string): void;
  /**
   * When each user among `userIds` was last seen (ISO 8601), for those recorded. Never rejects:
   * without a reachable shared store, what this process recorded.
   */
  lastSeenAmong(userIds: readonly string[]): Promise<Map<string, string>>;
}
