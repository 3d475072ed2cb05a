/** What the heartbeat asks of its socket at a check. */
export type HeartbeatVerdict = 'alive' | 'ping' | 'dead';

/**
 * The server's side of the realtime heartbeat (operation `connectRealtime`): a socket silent
 * for one interval is pinged (once per interval of silence), and declared dead after 2.4
 * intervals of silence (60 s at the default 25 s). Holds no timer: the connection sweep asks.
 */
export class ServerHeartbeat {
  private lastHeard: number;
  private lastPinged = 0;

  /**
   * @param intervalMs heartbeat interval in ms (`ServerConfig.heartbeatIntervalMs`).
   * @param now when the socket opened, in ms since the epoch.
   */
  constructor(
    private readonly intervalMs: number,
    now: number,
  ) {
    this.lastHeard = now;
  }

  /** Notes that a frame arrived at `now` (ms since the epoch). */
  heard(now: number): void {
    this.lastHeard = now;
  }

  /** What the socket needs at `now`: nothing, a `ping` frame, or to be dropped. */
  check(now: number): HeartbeatVerdict {
    const silentMs = now - this.lastHeard;
    if (silentMs > this.intervalMs * 2.4) return 'dead';
    if (silentMs < this.intervalMs || now - this.lastPinged < this.intervalMs) return 'alive';
    this.lastPinged = now;
    return 'ping';
  }
}
