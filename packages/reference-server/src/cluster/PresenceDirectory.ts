/**
 * Answers "who is online?" — a user is online while at least one of their devices holds an
 * authenticated realtime socket, on any server process.
 */
export interface PresenceDirectory {
  /**
   * The users among `userIds` who are online now. Never rejects: an implementation that
   * cannot reach its shared store answers from what this process knows.
   */
  onlineAmong(userIds: readonly string[]): Promise<Set<string>>;
}
