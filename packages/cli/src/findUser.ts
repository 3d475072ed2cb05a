import type { ImkitClient, UserProfile, UserSummary } from '@imkit/sdk';
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

/**
 * Any user's profile by exact username (compared case-insensitively), found with
 * `getUserByUsername`; deleted accounts included (`deleted true`).
 * @param myUsername the caller's username: naming yourself fails with `cli.self` when given.
 * @throws CliError `cli.user_not_found` when nobody has that name, `cli.self`.
 */
export async function lookUpUser(
  client: ImkitClient,
  username: string,
  myUsername?: string | null,
): Promise<UserProfile> {
  if (myUsername && myUsername.toLowerCase() === username.toLowerCase()) {
    throw new CliError(`${username} is you`, { code: 'cli.self' });
  }
  try {
    return await client.getUserByUsername({ path: { username } });
  } catch (error) {
    // Loaded here, not at start-up: commands that never look a user up do not load the SDK.
    const { isImkitError } = await import('@imkit/sdk');
    if (isImkitError(error, 'user.not_found')) {
      throw new CliError(`no user named "${username}"`, { code: 'cli.user_not_found' });
    }
    throw error;
  }
}
