import type { ImkitClient, UserSummary } from '@imkit/sdk';
import { CliError } from './errors.js';

/**
 * The user named `username` (compared case-insensitively), found with `searchUsers`, which
 * lists an exact username match first. Fails when nobody has that name, or it is the caller.
 */
export async function findUser(
  client: ImkitClient,
  username: string,
  myUsername?: string | null,
): Promise<UserSummary> {
  const wanted = username.toLowerCase();
  if (myUsername && myUsername.toLowerCase() === wanted) {
    throw new CliError(`${username} is you`, { code: 'cli.self' });
  }
  const page = await client.searchUsers({ query: { q: username, limit: 20 } });
  const user = page.items.find((u) => u.username.toLowerCase() === wanted);
  if (!user) throw new CliError(`no user named "${username}"`, { code: 'cli.user_not_found' });
  return user;
}
