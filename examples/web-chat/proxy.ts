import type { ProxyOptions } from 'vite';

/** Where the page's API calls go: `/api/...` on the page's own origin. */
export const API_PREFIX = '/api';

/**
 * The dev and preview servers' proxy: `/api/*` (HTTP and the realtime WebSocket) to the imkit
 * server at `target`, without the prefix, so the page talks to one origin and needs no CORS.
 */
export function proxyTo(target: string): Record<string, ProxyOptions> {
  return {
    [API_PREFIX]: {
      target,
      changeOrigin: true,
      ws: true,
      rewrite: (path) => path.slice(API_PREFIX.length),
    },
  };
}
