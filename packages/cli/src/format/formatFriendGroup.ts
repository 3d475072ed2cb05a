import type { FriendGroup } from '@imkit/sdk';

/** A friend group as a line: `Climbing club  3 friends`. */
export function formatFriendGroup(group: FriendGroup): string {
  const count = group.member_count === 1 ? '1 friend' : `${group.member_count} friends`;
  return `${group.name}  ${count}`;
}
