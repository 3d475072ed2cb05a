import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Services } from '../../domain/Services.js';
import { problemDetails } from '../problemDetails.js';
import { RateLimited } from './RateBudget.js';
import { rateLimitHeaders } from './rateLimitHeaders.js';

/**
 * The client address of an upgrade request, as Koa's `ctx.ip` finds it for HTTP requests: the
 * last `X-Forwarded-For` entry when the one proxy in front is trusted, else the socket's peer.
 */
export function upgradeAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop();
  return last?.trim() || request.socket.remoteAddress || 'unknown';
}

/** The raw HTTP/1.1 429 answer for a refused upgrade: problem JSON, Retry-After, RateLimit. */
function tooManyResponse(refusal: RateLimited): string {
  const body = JSON.stringify(problemDetails(refusal, '/realtime'));
  const headers = {
    'Content-Type': 'application/problem+json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Retry-After': String(refusal.state.resetSeconds),
    ...rateLimitHeaders([refusal.state]),
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 429 Too Many Requests\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Counts a realtime connect against `connectRealtime`'s limit (per client address: the token
 * only arrives in the first frame) and calls `accept` to open the WebSocket; over the limit,
 * answers 429 with `Retry-After` on the socket instead, before any WebSocket exists.
 */
export function admitUpgrade(
  services: Services,
  request: IncomingMessage,
  socket: Duplex,
  accept: () => void,
): void {
  const drop = () => socket.destroy();
  socket.on('error', drop);
  const address = upgradeAddress(request, services.config.trustProxy);
  services.rateLimits.consume('connectRealtime', address).then(
    () => {
      socket.off('error', drop);
      accept();
    },
    (error: unknown) => {
      if (error instanceof RateLimited) return void socket.end(tooManyResponse(error));
      services.logger.error({ err: error }, 'realtime upgrade failed');
      socket.destroy();
    },
  );
}
