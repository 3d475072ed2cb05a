import type { GroupMember } from '@imkit/sdk';
import { formatTime } from './formatTime.js';
import { formatUser } from './formatUser.js';

/** A member as a line: `bob (Bob)  admin  "Bobby"  muted until 2026-11-21 10:00`. */
export function formatGroupMember(member: GroupMember): string {
  const nickname = member.nickname ? `  "${member.nickname}"` : '';
  const muted = member.muted
    ? `  muted ${member.muted_until ? `until ${formatTime(member.muted_until)}` : 'until unmuted'}`
    : '';
  return `${formatUser(member.user)}  ${member.role}${nickname}${muted}`;
}
