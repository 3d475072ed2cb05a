import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/**
 * Security headers for a JSON API (helmet, via koa-helmet) on every answer, errors included:
 * `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'` (nothing an answer could
 * load or run, never framed), `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options: DENY` and helmet's other defaults (HSTS, `Cross-Origin-Resource-Policy:
 * same-origin`, no `X-Powered-By`); and `Cache-Control: no-store`, because answers carry tokens
 * (`register`, `login`, `refreshToken`) or one user's data, which no shared cache may keep.
 * A handler may set another `Cache-Control` for its own answer.
 */
export function securityHeaders(): Middleware {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    return headers(ctx, next);
  };
}
