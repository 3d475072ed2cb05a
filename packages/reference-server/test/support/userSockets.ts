import { authenticatedRealtime } from './rawRealtime.js';
import { registerUser, type TestUser } from './users.js';

/**
 * A user's raw realtime socket, signed in (with the server's `hello` frame), and the user it is
 * signed in as.
 */
export type UserSocket = Awaited<ReturnType<typeof authenticatedRealtime>> & { user: TestUser };

/**
 * Opens a raw realtime socket signed in as `user`, at the stream head or resuming after the
 * stream position `since`.
 * @param url the server's base URL.
 */
export async function openUserSocket(
  url: string,
  user: TestUser,
  since?: number,
): Promise<UserSocket> {
  const token = (await user.client.getAccessToken())!;
  const socket = await authenticatedRealtime(url, token, since === undefined ? {} : { since });
  return Object.assign(socket, { user });
}

/**
 * Opens one socket per user, at the stream head ({@link openUserSocket}).
 * @param users the users, by the name their socket is returned under.
 */
export async function openUserSockets(
  url: string,
  users: Record<string, TestUser>,
): Promise<Record<string, UserSocket>> {
  const entries = await Promise.all(
    Object.entries(users).map(async ([name, user]) => [name, await openUserSocket(url, user)]),
  );
  return Object.fromEntries(entries);
}

/**
 * Waits until each socket has received a friend request sent to it (by a new user registered on
 * the server at `url`) after everything before: events arrive in stream order, so whatever was
 * published earlier has arrived by then.
 * @throws when a socket's wait for its friend request times out (RawRealtime's `frame`).
 */
export async function settleUserSockets(url: string, sockets: Iterable<UserSocket>): Promise<void> {
  await Promise.all(
    [...sockets].map(async (socket) => {
      const stranger = await registerUser(url, 'stranger');
      const request = await stranger.client.sendFriendRequest({
        body: { user_id: socket.user.user.id },
      });
      await socket.frame(
        (f) =>
          f.event?.type === 'friend_request.created' &&
          (f.event.data as { id: string }).id === request.id,
      );
    }),
  );
}
