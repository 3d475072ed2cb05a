import type { AuthSession } from './generated/openapi.js';

/** The credentials the SDK keeps between requests (and, with a persistent store, between runs). */
export type Tokens = {
  /** JWT sent as `Authorization: Bearer`. */
  access_token: string;
  /** Opaque, single-use token for `refreshToken`; rotates on every refresh. */
  refresh_token: string;
  /** When the access token expires, in epoch milliseconds. */
  access_expires_at: number;
  /** The logged-in user's id. */
  user_id: string;
};

/**
 * Where the client keeps its {@link Tokens}. Implement it to persist a session (a file for a
 * CLI, `localStorage` in a browser); both methods may be synchronous or return a promise.
 * `save(null)` means logged out.
 */
export interface TokenStore {
  load(): Tokens | null | Promise<Tokens | null>;
  save(tokens: Tokens | null): void | Promise<void>;
}

/** A {@link TokenStore} that keeps the tokens in memory only. The default store. */
export class MemoryTokenStore implements TokenStore {
  #tokens: Tokens | null;

  /** @param tokens Initial tokens. Default: none (logged out). */
  constructor(tokens: Tokens | null = null) {
    this.#tokens = tokens;
  }

  /** The tokens, or null when logged out. */
  load(): Tokens | null {
    return this.#tokens;
  }

  /** Replaces the tokens; null logs out. */
  save(tokens: Tokens | null): void {
    this.#tokens = tokens;
  }
}

/** Converts an `AuthSession` answer (`expires_in` in seconds) into {@link Tokens}. */
export function tokensFromSession(session: AuthSession, now: number = Date.now()): Tokens {
  return {
    access_token: session.access_token,
    refresh_token: session.refresh_token,
    access_expires_at: now + session.expires_in * 1000,
    user_id: session.user.id,
  };
}
