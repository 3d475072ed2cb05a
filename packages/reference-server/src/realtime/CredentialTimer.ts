import { decodeJwt } from 'jose';

/**
 * When a socket's credentials run out (operation `connectRealtime`: close 4408 unless a
 * `reauth` renewed them). Each `renew` with a verified token moves the deadline to that
 * token's `exp` claim (RFC 7519 §4.1.4). Holds no timer: the connection sweep asks
 * {@link CredentialTimer.expired}.
 */
export class CredentialTimer {
  private expiresAt = 0;

  /** Starts over with a token that was just verified. */
  renew(accessToken: string): void {
    this.expiresAt = (decodeJwt(accessToken).exp ?? 0) * 1000;
  }

  /** True once a token was renewed and its lifetime is over at `now` (ms since the epoch). */
  expired(now = Date.now()): boolean {
    return this.expiresAt > 0 && this.remainingMs(now) === 0;
  }

  /** Milliseconds until the current token expires (0 when it has). */
  remainingMs(now = Date.now()): number {
    return Math.max(0, this.expiresAt - now);
  }
}
