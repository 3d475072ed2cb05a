import { isImkitError } from './ImkitError.js';
import type { TokenStore, Tokens } from './tokenStore.js';

/** Refresh the access token when it expires within this many ms. */
export const ACCESS_TOKEN_MIN_VALIDITY_MS = 30_000;

export interface TokenManagerDeps {
  store: TokenStore;
  /**
   * Calls the `refreshToken` operation. The auth middleware saves its answer to the store (or
   * clears the store on 401), so this only has to make the call; it throws `ImkitError`.
   */
  refresh: (refreshToken: string) => Promise<unknown>;
  /** Clock in epoch ms. Default: `Date.now`. */
  now?: () => number;
}

/**
 * Reads the token store and refreshes the access token, single-flight: concurrent callers
 * share one `refreshToken` call, because a refresh token works only once.
 */
export class TokenManager {
  readonly #deps: TokenManagerDeps;
  #inflight: Promise<Tokens | null> | null = null;

  constructor(deps: TokenManagerDeps) {
    this.#deps = deps;
  }

  async load(): Promise<Tokens | null> {
    return this.#deps.store.load();
  }

  async save(tokens: Tokens | null): Promise<void> {
    await this.#deps.store.save(tokens);
  }

  /** Exchanges the stored refresh token; resolves `null` when there is none or it was rejected (401). */
  refresh(): Promise<Tokens | null> {
    this.#inflight ??= this.#refreshOnce().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  async #refreshOnce(): Promise<Tokens | null> {
    const current = await this.load();
    if (!current) return null;
    try {
      await this.#deps.refresh(current.refresh_token);
    } catch (error) {
      if (isImkitError(error) && error.status === 401) return null;
      throw error;
    }
    return this.load();
  }

  /**
   * Tokens to retry with after the server rejected `rejectedAccessToken` with 401: the result of
   * a refresh already under way, newer tokens another request already got, or a new refresh.
   */
  async tokensAfterRejection(rejectedAccessToken: string): Promise<Tokens | null> {
    if (this.#inflight) return this.#inflight;
    const current = await this.load();
    if (current && current.access_token !== rejectedAccessToken) return current;
    return this.refresh();
  }

  /**
   * A usable access token, refreshed first when it expires within 30 s; `null` when logged out.
   * Throws the refresh's `ImkitError` only when the old token has already expired.
   */
  async getAccessToken(): Promise<string | null> {
    const tokens = await this.load();
    if (!tokens) return null;
    const now = this.#now();
    if (tokens.access_expires_at - now > ACCESS_TOKEN_MIN_VALIDITY_MS) return tokens.access_token;
    try {
      return (await this.refresh())?.access_token ?? null;
    } catch (error) {
      if (tokens.access_expires_at > this.#now()) return tokens.access_token;
      throw error;
    }
  }

  #now(): number {
    return (this.#deps.now ?? Date.now)();
  }
}
