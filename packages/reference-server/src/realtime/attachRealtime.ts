import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { AuthContext } from '../auth/AuthContext.js';
import type { Services } from '../domain/Services.js';
import type { FieldError } from '../http/ApiError.js';
import { admitUpgrade } from '../http/rateLimits/admitUpgrade.js';
import { ConnectionSweep } from './ConnectionSweep.js';
import { CloseCode } from './closeCodes.js';
import { type ConnectionDeps, RealtimeConnection } from './RealtimeConnection.js';

/** How often the sweep checks every socket's deadlines, in ms (the most a deadline is late). */
const SWEEP_TICK_MS = 250;
/** How long closing waits for clients to answer the close frame, in ms, before dropping them. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * Serves the realtime WebSocket (operation `connectRealtime`, RFC 6455) on `GET /realtime`
 * of an HTTP server; every other upgrade request is refused.
 * @returns a function that closes every socket with {@link CloseCode.serviceRestart} (so
 *   clients reconnect elsewhere), drops those that do not answer within a second, closes the
 *   WebSocket server, and resolves once every acknowledgement the sockets received is stored.
 *   Calling it again returns the same promise.
 */
export function attachRealtime(
  server: Server,
  services: Services,
  authenticate: (token: string) => Promise<AuthContext>,
  validateFrame: (frame: unknown) => FieldError[],
): () => Promise<void> {
  // A frame over the limit closes the socket with 1009 before it is parsed.
  const maxPayload = services.config.realtimeMaxFrameBytes;
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const connections = new Set<RealtimeConnection>();
  const sweep = new ConnectionSweep(Math.min(SWEEP_TICK_MS, services.config.heartbeatIntervalMs));
  // Shared by every connection: a socket holds no closure of its own for its bookkeeping.
  const closed = (connection: RealtimeConnection) =>
    void connection.settled().finally(() => connections.delete(connection));
  const deps: ConnectionDeps = { services, authenticate, validateFrame, sweep, closed };
  server.on('upgrade', (request, socket, head) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== '/realtime') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    admitUpgrade(services, request, socket, () =>
      wss.handleUpgrade(request, socket, head, (ws) => {
        connections.add(new RealtimeConnection(ws, deps));
      }),
    );
  });

  async function closeAll(): Promise<void> {
    sweep.stop();
    // Resolves once every client is gone (ws emits `close` when its last client closed).
    const gone = new Promise<void>((resolve) => wss.close(() => resolve()));
    for (const ws of wss.clients) ws.close(CloseCode.serviceRestart, 'service restart');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_HANDSHAKE_MS);
    });
    await Promise.race([gone, late]);
    clearTimeout(timer);
    for (const ws of wss.clients) ws.terminate();
    await gone;
    await Promise.all([...connections].map((connection) => connection.settled()));
  }

  let closing: Promise<void> | undefined;
  return () => {
    closing ??= closeAll();
    return closing;
  };
}
