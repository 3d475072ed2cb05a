import type { RealtimeEvent } from '@imkit/sdk';
import { waitFor } from './collect.js';
import { registerUser, type TestUser } from './users.js';

/** The sockets opened by {@link watchEvents}. */
export interface EventWatch {
  /**
   * Waits until everything already committed has reached every socket, closes the sockets and
   * returns each user's events in arrival order, the friend requests left out.
   * @throws when the friend requests have not all arrived within 5,000 ms.
   */
  settle(): Promise<Record<string, RealtimeEvent[]>>;
}

/**
 * Records every realtime event each user's socket (the SDK's realtime client) receives.
 * `settle()` makes sure everything already committed has arrived: a new user on the server at
 * `url` sends each of them a friend request, and since a socket gets its events in stream
 * order, an event meant for them before that would have arrived first.
 * @param url the server's base URL.
 * @param users the users to watch, by the name their events are returned under.
 */
export async function watchEvents(
  url: string,
  users: Record<string, TestUser>,
): Promise<EventWatch> {
  const seen: Record<string, RealtimeEvent[]> = {};
  const sockets = await Promise.all(
    Object.entries(users).map(async ([name, user]) => {
      seen[name] = [];
      const realtime = user.client.realtime();
      realtime.on('event', (event) => seen[name]!.push(event));
      await realtime.connect();
      return realtime;
    }),
  );
  return {
    async settle(): Promise<Record<string, RealtimeEvent[]>> {
      const herald = await registerUser(url, 'herald');
      for (const user of Object.values(users)) {
        await herald.client.sendFriendRequest({ body: { user_id: user.user.id } });
      }
      await waitFor(
        () =>
          Object.values(seen).every((events) =>
            events.some((e) => e.type === 'friend_request.created'),
          ),
        5000,
        'the friend requests on every socket',
      );
      for (const socket of sockets) socket.close();
      return Object.fromEntries(
        Object.entries(seen).map(([name, events]) => [
          name,
          events.filter((e) => !e.type.startsWith('friend_request.')),
        ]),
      );
    },
  };
}
