import type { Tokens } from '@imkit/sdk';

/** What `imkit login` stores: the server, the tokens and the username they belong to. */
export interface Session {
  /** Normalized server URL the tokens were issued by. */
  server: string;
  /** Username of the logged-in account; null until the login answer arrived. */
  username: string | null;
  tokens: Tokens;
}

/** True when `value` has the shape of a {@link Session}. */
export function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const tokens = v.tokens as Record<string, unknown> | null | undefined;
  return (
    typeof v.server === 'string' &&
    (typeof v.username === 'string' || v.username === null) &&
    typeof tokens === 'object' &&
    tokens !== null &&
    typeof tokens.access_token === 'string' &&
    typeof tokens.refresh_token === 'string' &&
    typeof tokens.user_id === 'string'
  );
}
