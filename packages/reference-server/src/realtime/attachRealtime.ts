import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { AuthContext } from '../auth/AuthContext.js';
import type { Services } from '../domain/Services.js';
import type { FieldError } from '../http/ApiError.js';
import { admitUpgrade } from '../http/rateLimits/admitUpgrade.js';
import { ConnectionSweep } from './ConnectionSweep.js';
import { type ConnectionDeps, RealtimeConnection } from './RealtimeConnection.js';

/** How often the sweep checks every socket's deadlines, in ms (the most a deadline is late). */
const SWEEP_TICK_MS = 250;

/**
 * Serves the realtime WebSocket (operation `connectRealtime`, RFC 6455) on `GET /realtime`
 * of an HTTP server; every other upgrade request is refused.
 * @returns a function that closes every socket and the WebSocket server, and resolves once
 *   every acknowledgement the sockets received is stored.
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
  return async () => {
    sweep.stop();
    services.hub.disconnectAll();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await Promise.all([...connections].map((connection) => connection.settled()));
  };
}
