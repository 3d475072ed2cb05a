/** Why a session ended (stored in `sessions.revoked_reason`). */
export type RevocationReason = 'logout' | 'refresh_token_reused' | 'password_changed' | string;

/** A session that was just revoked. */
export interface SessionRevocation {
  sessionId: string;
  reason: RevocationReason;
}

/**
 * The seam through which a revoked session reaches every server process at once: the domain
 * publishes after the revocation commits, and each process's realtime hub subscribes and
 * closes that session's sockets (close code 4403). In one process it is
 * {@link LocalSessionRevocations}; several processes plug in a shared bus (Redis pub/sub).
 */
export interface SessionRevocations {
  /** Announces a committed revocation to every subscriber, in every process. */
  publish(revocation: SessionRevocation): Promise<void>;
  /**
   * Calls `listener` for every revocation published from now on.
   * @returns a function that unsubscribes.
   */
  subscribe(listener: (revocation: SessionRevocation) => void): () => void;
}

/** {@link SessionRevocations} within one process: listeners run synchronously on `publish`. */
export class LocalSessionRevocations implements SessionRevocations {
  private readonly listeners = new Set<(revocation: SessionRevocation) => void>();

  async publish(revocation: SessionRevocation): Promise<void> {
    for (const listener of [...this.listeners]) listener(revocation);
  }

  subscribe(listener: (revocation: SessionRevocation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
