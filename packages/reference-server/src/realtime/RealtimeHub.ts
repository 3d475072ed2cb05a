import type { CommittedEvent } from '../domain/events.js';

/** What the hub needs of a live connection. */
export interface RealtimePeer {
  /** Queues a committed event for this socket (it drops events it already sent). */
  pushLive(event: CommittedEvent): void;
  /** Drops the socket at once, as a network failure would. */
  terminate(): void;
}

/**
 * Who is connected: each user's open, authenticated sockets (one per device). Delivers
 * committed events to every device of every user in the event's audience, and answers
 * presence questions.
 */
export class RealtimeHub {
  private readonly byUser = new Map<string, Set<RealtimePeer>>();

  /** Registers an authenticated socket of a user. */
  add(userId: string, peer: RealtimePeer): void {
    let peers = this.byUser.get(userId);
    if (!peers) {
      peers = new Set();
      this.byUser.set(userId, peers);
    }
    peers.add(peer);
  }

  /** Forgets a closed socket. */
  remove(userId: string, peer: RealtimePeer): void {
    const peers = this.byUser.get(userId);
    peers?.delete(peer);
    if (peers?.size === 0) this.byUser.delete(userId);
  }

  /** Pushes an event to every connected device of its audience. */
  deliver(event: CommittedEvent): void {
    for (const userId of event.audience) {
      for (const peer of this.byUser.get(userId) ?? []) peer.pushLive(event);
    }
  }

  /** True while the user has at least one authenticated socket. */
  isOnline(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** Drops every socket of a user (account security; tests simulating a network failure). */
  disconnectUser(userId: string): number {
    const peers = [...(this.byUser.get(userId) ?? [])];
    for (const peer of peers) peer.terminate();
    return peers.length;
  }

  /** Drops every socket (shutdown). */
  disconnectAll(): void {
    for (const userId of [...this.byUser.keys()]) this.disconnectUser(userId);
  }
}
