/** Re-authenticate at most this long before the access token expires, in ms. */
export const REAUTH_MARGIN_MS = 25_000;

/**
 * When to send `reauth` on an open socket (operation `connectRealtime`), in ms from now: 25 s
 * before the access token expires, or halfway for tokens that live less than 50 s. The token
 * manager refreshes tokens that expire within 30 s, so the token fetched then is a fresh one.
 * @param expiresInMs the server's `access_expires_in_ms` (from `hello` or `reauthenticated`).
 */
export function reauthDelay(expiresInMs: number): number {
  return Math.max(0, expiresInMs - Math.min(REAUTH_MARGIN_MS, expiresInMs / 2));
}
