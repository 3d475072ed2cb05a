import { isIPv6 } from 'node:net';
import type { Context } from 'koa';

/** A host name or address with an optional port, nothing else (no user info, path or spaces). */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin (`http://host:port`) a request reached the server through: the base of the file
 * URLs in answers (`X-Forwarded-Proto`/`-Host` only when `trustProxy` is set, as Koa does). A
 * `Host` that is not a plain host and port is not echoed: the address the connection reached
 * stands in for it.
 */
export function requestOrigin(ctx: Context): string {
  if (HOST.test(ctx.host)) return `${ctx.protocol}://${ctx.host}`;
  const { localAddress = '127.0.0.1', localPort } = ctx.req.socket;
  const address = isIPv6(localAddress) ? `[${localAddress}]` : localAddress;
  return `${ctx.protocol}://${address}:${localPort}`;
}
