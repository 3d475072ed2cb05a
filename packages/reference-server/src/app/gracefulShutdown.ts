import type http from 'node:http';
import type { Logger } from 'pino';

/** Time a shutdown may take past the grace period (closing sockets, the database) before the watchdog exits, in ms. */
const CLOSE_MARGIN_MS = 5000;

/**
 * The HTTP requests a server is answering, so a shutdown can let them finish. Once draining,
 * every response (those in flight and any still arriving on an open keep-alive connection)
 * carries `Connection: close`, so no connection outlives its last request.
 */
export class InFlightRequests {
  private readonly open = new Set<http.ServerResponse>();
  private draining = false;
  private onIdle: (() => void) | undefined;

  /** Starts counting the requests of `server` (call before it listens). */
  constructor(server: http.Server) {
    server.on('request', (_request: http.IncomingMessage, response: http.ServerResponse) =>
      this.track(response),
    );
  }

  /** Requests whose response has not finished or been aborted yet. */
  get size(): number {
    return this.open.size;
  }

  /**
   * Marks every response `Connection: close` and waits until no request is in flight.
   * @param timeoutMs how long to wait, in ms.
   * @returns true when every request finished in time, false when some were still running.
   */
  async drained(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const response of this.open) closeAfter(response);
    if (this.open.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<true>((resolve) => {
      this.onIdle = () => resolve(true);
    });
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([idle, late]);
    } finally {
      clearTimeout(timer);
      this.onIdle = undefined;
    }
  }

  private track(response: http.ServerResponse): void {
    if (this.draining) closeAfter(response);
    this.open.add(response);
    response.once('close', () => {
      this.open.delete(response);
      if (this.open.size === 0) this.onIdle?.();
    });
  }
}

/** Asks Node to close the connection once `response` is sent (when its headers are not yet). */
function closeAfter(response: http.ServerResponse): void {
  if (!response.headersSent) response.setHeader('connection', 'close');
}

/** What a graceful shutdown needs of the server (an `ImkitServer`). */
export interface ShutdownTarget {
  http: http.Server;
  /**
   * Closes every realtime socket with 1012 (service restart); `close()` may call it again.
   * Without it, sockets are closed by `close()`, once in-flight requests are done.
   */
  closeRealtime?(): Promise<void>;
  /** Closes realtime sockets (1012), every connection and the database. */
  close(): Promise<void>;
}

/** Options of {@link installGracefulShutdown}. */
export interface GracefulShutdownOptions {
  /** How long in-flight HTTP requests may take to finish, in ms (`ServerConfig.shutdownGraceMs`). */
  graceMs: number;
  logger: Logger;
  /** Ends the process with an exit code. Default: `process.exit`. */
  exit?: (code: number) => void;
  /** The signals that start a shutdown. Default: SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
}

/**
 * Shuts the server down gracefully on SIGTERM or SIGINT, as a process behind a load balancer
 * should: it stops accepting connections at once (the balancer sends new ones to other
 * processes) and closes every realtime socket with code 1012 (service restart), so its client
 * reconnects elsewhere and resumes from its last position (at once when the server offers
 * `closeRealtime`, else after the requests); lets in-flight HTTP requests finish for up to
 * `graceMs`; then closes every connection and the database. Exits 0 once closed, 1 when closing
 * failed or took more than `graceMs` plus 5 s. A second signal exits at once with 1.
 * Call it before the server listens, so every request is counted.
 * @returns `shutdown(reason)`, the same sequence without a signal.
 */
export function installGracefulShutdown(
  server: ShutdownTarget,
  options: GracefulShutdownOptions,
): { shutdown(reason: string): Promise<void> } {
  const { graceMs, logger, exit = (code: number) => process.exit(code) } = options;
  const requests = new InFlightRequests(server.http);
  let stopping = false;
  async function shutdown(reason: string): Promise<void> {
    if (stopping) {
      logger.warn({ reason }, 'second shutdown request: exiting now');
      return exit(1);
    }
    stopping = true;
    logger.info({ reason, in_flight: requests.size, grace_ms: graceMs }, 'shutting down');
    const watchdog = setTimeout(() => {
      logger.error({ reason }, `shutdown took longer than ${graceMs + CLOSE_MARGIN_MS} ms`);
      exit(1);
    }, graceMs + CLOSE_MARGIN_MS);
    watchdog.unref();
    server.http.close();
    // `close()` awaits the same promise and reports a failure; this one only must not go unhandled.
    const realtimeClosed = server.closeRealtime?.().catch(() => {});
    if (!(await requests.drained(graceMs))) {
      logger.warn({ in_flight: requests.size }, 'grace period over: closing unfinished requests');
    }
    try {
      await realtimeClosed;
      await server.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      return exit(1);
    } finally {
      clearTimeout(watchdog);
    }
    logger.info('shut down');
    exit(0);
  }
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => void shutdown(signal));
  }
  return { shutdown };
}
