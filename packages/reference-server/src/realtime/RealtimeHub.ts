import type { AuthContext } from '../auth/AuthContext.js';
import type { CommittedEvent } from '../domain/events.js';
import type { Schema } from '../spec/operationTypes.js';
import { EventFrame } from './EventFrame.js';
import type { EphemeralEvent } from './ephemeral.js';

/** What the hub needs of a live connection. */
export interface RealtimePeer {
  /** Queues a committed event's frame for this socket (it drops events it already sent). */
  pushLive(frame: EventFrame): void;
  /** Queues an ephemeral frame (typing, presence) behind what the socket was already sent. */
  pushEphemeral(frame: Schema<'RealtimeEphemeralFrame'>): void;
  /** Drops the socket at once, as a network failure would. */
  terminate(): void;
  /** The socket's session was revoked: tell the client and close (4403). */
  endSession(): void;
}

/**
 * Told when a user comes online on this process (their first socket here) or goes offline on
 * it (their last socket here closed). Feeds a presence directory shared between processes.
 */
export type PresenceListener = (userId: string, online: boolean) => void;

/** Adds `value` to the set under `key`; true when that created the set. */
function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): boolean {
  let set = map.get(key);
  const created = !set;
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
  return created;
}

/** Removes `value` from the set under `key`, and the set once empty; true when that emptied it. */
function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): boolean {
  const set = map.get(key);
  if (!set?.delete(value)) return false;
  if (set.size === 0) map.delete(key);
  return set.size === 0;
}

/**
 * Who is connected: each user's open, authenticated sockets (one per device), also indexed
 * by session. Delivers committed events to every device of every user in the event's
 * audience, closes a revoked session's sockets, and answers presence questions.
 */
export class RealtimeHub {
  private readonly byUser = new Map<string, Set<RealtimePeer>>();
  private readonly bySession = new Map<string, Set<RealtimePeer>>();
  private readonly presenceListeners = new Set<PresenceListener>();

  /** Registers an authenticated socket; the user's first one here tells presence listeners. */
  add(auth: AuthContext, peer: RealtimePeer): void {
    const cameOnline = addTo(this.byUser, auth.userId, peer);
    addTo(this.bySession, auth.sessionId, peer);
    if (cameOnline) this.notifyPresence(auth.userId, true);
  }

  /** Forgets a closed socket; the user's last one here tells presence listeners. */
  remove(auth: AuthContext, peer: RealtimePeer): void {
    const wentOffline = removeFrom(this.byUser, auth.userId, peer);
    removeFrom(this.bySession, auth.sessionId, peer);
    if (wentOffline) this.notifyPresence(auth.userId, false);
  }

  /**
   * Calls `listener(userId, true)` when a user's first socket on this process is added and
   * `listener(userId, false)` when their last one is removed, synchronously, in that order.
   * @returns a function that unsubscribes.
   */
  onPresenceChange(listener: PresenceListener): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  private notifyPresence(userId: string, online: boolean): void {
    for (const listener of [...this.presenceListeners]) listener(userId, online);
  }

  /**
   * Pushes an event to every connected device of its audience, as one frame built (only when
   * some device of the audience is connected) for all of them.
   */
  deliver(event: CommittedEvent): void {
    let frame: EventFrame | undefined;
    for (const userId of event.audience) {
      const peers = this.byUser.get(userId);
      if (!peers) continue;
      frame ??= new EventFrame(event.position, event.payload);
      for (const peer of peers) peer.pushLive(frame);
    }
  }

  /**
   * Pushes an ephemeral event (no position, never stored) to every device of `audience`
   * connected to this process, as one frame object shared by all of them.
   */
  deliverEphemeral(audience: readonly string[], event: EphemeralEvent): void {
    let frame: Schema<'RealtimeEphemeralFrame'> | undefined;
    for (const userId of audience) {
      const peers = this.byUser.get(userId);
      if (!peers) continue;
      frame ??= { type: 'ephemeral', event };
      for (const peer of peers) peer.pushEphemeral(frame);
    }
  }

  /** Closes every socket of a revoked session (subscribed to `SessionRevocations`). */
  endSession(sessionId: string): number {
    const peers = [...(this.bySession.get(sessionId) ?? [])];
    for (const peer of peers) peer.endSession();
    return peers.length;
  }

  /** True while the user has at least one authenticated socket. */
  isOnline(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** Drops every socket of a user (tests simulating a network failure). */
  disconnectUser(userId: string): number {
    const peers = [...(this.byUser.get(userId) ?? [])];
    for (const peer of peers) peer.terminate();
    return peers.length;
  }
}
