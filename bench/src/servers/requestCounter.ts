import type http from 'node:http';
import type { RequestCounts } from './serve.js';

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/**
 * Counts an HTTP server's requests in flight and its answers by status code, from the outside:
 * wraps the server's `request` listeners (Koa's returns a promise that settles when the app has
 * handled the request, error handling included), so a request counts as answered only when the
 * app is done with it, and its status is the one the app chose, even when the client hung up
 * first (autocannon stopping mid-request). Call it before the server listens.
 */
export function countRequests(server: http.Server): () => RequestCounts {
  let inFlight = 0;
  const statuses: Record<string, number> = {};
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight += 1;
    const handled = listeners.map((listener) => listener.call(server, req, res));
    const done = handled.every((h) => typeof (h as Promise<unknown>)?.then === 'function')
      ? Promise.allSettled(handled)
      : new Promise((resolve) => res.once('close', resolve));
    void done.then(() => {
      inFlight -= 1;
      const status = String(res.statusCode);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  return () => ({ inFlight, statuses: { ...statuses } });
}
