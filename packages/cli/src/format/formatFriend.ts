import type { Friend } from '@imkit/sdk';
import { formatUser } from './formatUser.js';

/** A friend as a line: `bob (Bob)  online  "climbing"` (the remark last, when set). */
export function formatFriend(friend: Friend): string {
  const remark = friend.remark ? `  "${friend.remark}"` : '';
  return `${formatUser(friend.user)}  ${friend.presence}${remark}`;
}
