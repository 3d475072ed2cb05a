import { isIPv6 } from 'node:net';
import type { Context } from 'koa';

/** A host name or address with an optional port, nothing else (no user info, path or spaces). */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The base of the file URLs in answers: the configured public URL (`IMKIT_PUBLIC_URL`) when set,
 * else the origin (`http://host:port`) the request reached the server through
 * (`X-Forwarded-Proto`/`-Host` only when `trustProxy` is set, as Koa does). A `Host` that is not a
 * plain host and port is not echoed: the address the connection reached stands in for it.
 * @param publicUrl `ServerConfig.publicUrl`, without a trailing slash.
 */
export function requestOrigin(ctx: Context, publicUrl?: string): string {
  if (publicUrl !== undefined) return publicUrl;
  if (HOST.test(ctx.host)) return `${ctx.protocol}://${ctx.host}`;
  const { localAddress = '127.0.0.1', localPort } = ctx.req.socket;
  const address = isIPv6(localAddress) ? `[${localAddress}]` : localAddress;
  return `${ctx.protocol}://${address}:${localPort}`;
}
