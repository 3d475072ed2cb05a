/**
 * The server's side of the realtime heartbeat (operation `connectRealtime`): pings a socket
 * that was silent for one interval, and declares it dead after 2.4 intervals of silence
 * (60 s at the default 25 s).
 */
export class ServerHeartbeat {
  private lastHeard = Date.now();
  private readonly timer: NodeJS.Timeout;

  /**
   * @param intervalMs heartbeat interval in ms (`ServerConfig.heartbeatIntervalMs`).
   * @param ping sends a `ping` frame.
   * @param dead drops the socket.
   */
  constructor(intervalMs: number, ping: () => void, dead: () => void) {
    this.timer = setInterval(() => {
      const silentMs = Date.now() - this.lastHeard;
      if (silentMs > intervalMs * 2.4) dead();
      else if (silentMs >= intervalMs) ping();
    }, intervalMs);
  }

  /** Notes that a frame arrived. */
  heard(): void {
    this.lastHeard = Date.now();
  }

  /** Stops the timer (the socket closed). */
  stop(): void {
    clearInterval(this.timer);
  }
}
