import { decodeJwt } from 'jose';

/** setTimeout's largest delay, in ms (about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Ends a socket when its access token expires (operation `connectRealtime`: close 4408 unless
 * a `reauth` renewed it). Each `renew` with a verified token moves the deadline to that
 * token's `exp` claim (RFC 7519 §4.1.4).
 */
export class CredentialTimer {
  private timer: NodeJS.Timeout | undefined;
  private expiresAt = 0;

  /** @param expired called once when the current token's lifetime is over. */
  constructor(private readonly expired: () => void) {}

  /** Starts over with a token that was just verified. */
  renew(accessToken: string): void {
    this.expiresAt = (decodeJwt(accessToken).exp ?? 0) * 1000;
    this.arm();
  }

  /** Waits for the expiry; a lifetime longer than setTimeout allows takes several waits. */
  private arm(): void {
    clearTimeout(this.timer);
    const remaining = this.remainingMs();
    this.timer = setTimeout(
      () => (this.remainingMs() > 0 ? this.arm() : this.expired()),
      Math.min(remaining, MAX_DELAY_MS),
    );
  }

  /** Milliseconds until the current token expires (0 when it has). */
  remainingMs(): number {
    return Math.max(0, this.expiresAt - Date.now());
  }

  /** Stops the timer (the socket closed). */
  stop(): void {
    clearTimeout(this.timer);
  }
}
