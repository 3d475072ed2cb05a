import type { AuthContext } from './AuthContext.js';

interface Entry {
  auth: AuthContext;
  /** The token's `exp` claim, seconds since the epoch. */
  expiresAt: number;
}

/** Default number of verified tokens remembered. */
export const DEFAULT_VERIFIED_TOKENS = 10_000;

/**
 * Remembers access tokens whose signature and claims were already verified, so a client's
 * every request does not pay for the HMAC again. Safe because a JWS signature check gives the
 * same answer for the same bytes under the same key; the expiry is checked again on every hit
 * and an expired entry is dropped. Bounded: the least recently used token is forgotten first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  /** @param capacity most tokens kept. Default: {@link DEFAULT_VERIFIED_TOKENS}. */
  constructor(readonly capacity = DEFAULT_VERIFIED_TOKENS) {}

  /** Number of tokens remembered. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The claims of a token verified earlier.
   * @param nowSeconds the current time in seconds since the epoch.
   * @returns the claims, `'expired'` when the token has expired since, or undefined when unknown.
   */
  get(token: string, nowSeconds: number): AuthContext | 'expired' | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (nowSeconds >= entry.expiresAt) return 'expired';
    this.entries.set(token, entry); // most recently used last
    return entry.auth;
  }

  /** Remembers a token that just passed verification, until `expiresAt` (seconds since the epoch). */
  set(token: string, auth: AuthContext, expiresAt: number): void {
    this.entries.delete(token);
    this.entries.set(token, { auth, expiresAt });
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}
