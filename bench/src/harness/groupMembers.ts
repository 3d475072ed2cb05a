import { type BenchUser, registerUser } from './imkitUsers.js';

/** A bench group: its owner, its other members (the owner's friends) and its conversation. */
export interface BenchGroup {
  owner: BenchUser;
  /** Every member but the owner, in the order they were registered. */
  members: BenchUser[];
  groupId: string;
  conversationId: string;
}

/** Members `createGroup` takes at once (`member_ids`, maxItems in the spec). */
const CREATE_MEMBERS = 100;

/** Users `inviteGroupMembers` takes at once (`user_ids`, maxItems in the spec). */
const INVITE_MEMBERS = 50;

/**
 * Runs `task` on every item with at most `concurrency` tasks in flight.
 * @returns the results in item order.
 * @throws the first error a task throws (tasks already running are left to finish).
 */
async function pooled<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Splits `items` into runs of at most `size`. */
const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/**
 * Builds a real group through imkit's HTTP API: registers an owner and `size` other users
 * (`concurrency` registrations at a time: each hashes a password, so this is most of the time),
 * makes each of them the owner's friend (the owner's friend request, the user's accept), creates
 * the group with the first 100 as `member_ids` (`max_members`: `size` + 1) and adds the rest
 * with the owner's `inviteGroupMembers`, 50 per call (an owner's invitation joins at once).
 * Nobody is connected meanwhile, so the `group.member_joined` events go to no socket.
 * @param url the imkit server's base URL (its rate limits scaled out of the way).
 * @param size members besides the owner (at most 1,999: the spec's `max_members` is 2,000).
 * @param concurrency requests in flight while registering and befriending. Default: 8.
 * @throws Error when an invited user did not join (with the server's reason), or the group's
 *   `member_count` is not `size` + 1 at the end; the SDK's errors for refused calls.
 */
export async function groupOfFriends(
  url: string,
  size: number,
  concurrency = 8,
): Promise<BenchGroup> {
  const owner = await registerUser(url);
  const members = await pooled(Array.from({ length: size }), concurrency, () => registerUser(url));
  await pooled(members, concurrency, async (member) => {
    const request = await owner.client.sendFriendRequest({ body: { user_id: member.id } });
    await member.client.acceptFriendRequest({ path: { request_id: request.id } });
  });
  const ids = members.map((m) => m.id);
  const group = await owner.client.createGroup({
    body: {
      name: `bench group of ${size + 1}`,
      member_ids: ids.slice(0, CREATE_MEMBERS),
      max_members: size + 1,
    },
  });
  for (const userIds of chunks(ids.slice(CREATE_MEMBERS), INVITE_MEMBERS)) {
    const invited = await owner.client.inviteGroupMembers({
      path: { group_id: group.id },
      body: { user_ids: userIds },
    });
    const failed = invited.results.find((r) => r.outcome !== 'joined');
    if (failed) {
      throw new Error(`group setup: ${failed.user_id} ${failed.outcome} (${failed.error?.code})`);
    }
  }
  const made = await owner.client.getGroup({ path: { group_id: group.id } });
  if (made.member_count !== size + 1) {
    throw new Error(`group setup: ${made.member_count} members, expected ${size + 1}`);
  }
  return { owner, members, groupId: group.id, conversationId: group.conversation_id };
}
