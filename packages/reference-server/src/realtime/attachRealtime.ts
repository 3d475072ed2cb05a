import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { AuthContext } from '../auth/AuthContext.js';
import type { Services } from '../domain/Services.js';
import type { FieldError } from '../http/ApiError.js';
import { admitUpgrade } from '../http/rateLimits/admitUpgrade.js';
import { RealtimeConnection } from './RealtimeConnection.js';

/** Largest frame a client may send, in bytes (frames are small JSON objects). */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Serves the realtime WebSocket (operation `connectRealtime`, RFC 6455) on `GET /realtime`
 * of an HTTP server; every other upgrade request is refused.
 * @returns a function that closes every socket and the WebSocket server.
 */
export function attachRealtime(
  server: Server,
  services: Services,
  authenticate: (token: string) => Promise<AuthContext>,
  validateFrame: (frame: unknown) => FieldError[],
): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== '/realtime') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    admitUpgrade(services, request, socket, () =>
      wss.handleUpgrade(request, socket, head, (ws) => {
        new RealtimeConnection(ws, { services, authenticate, validateFrame });
      }),
    );
  });
  return () =>
    new Promise((resolve) => {
      services.hub.disconnectAll();
      wss.close(() => resolve());
    });
}
