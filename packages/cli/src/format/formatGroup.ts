import type { Group } from '@imkit/sdk';
import { GROUP_PREFIX } from '../groupReference.js';
import { formatTime } from './formatTime.js';
import { formatUser } from './formatUser.js';

/** A group as one line of a list: `#Climbing  0192f5ab-...  3 members  you: owner`. */
export function formatGroupLine(group: Group): string {
  const role = group.my_role ? `  you: ${group.my_role}` : '';
  const muted = group.muted_all ? '  muted for all' : '';
  const count = `${group.member_count} member${group.member_count === 1 ? '' : 's'}`;
  return `${GROUP_PREFIX}${group.name}  ${group.id}  ${count}${role}${muted}`;
}

/** A group's details, one field per line (`imkit groups show`). */
export function formatGroupDetails(group: Group): string[] {
  return [
    `${GROUP_PREFIX}${group.name}`,
    `  id:           ${group.id}`,
    ...(group.description ? [`  description:  ${group.description}`] : []),
    `  owner:        ${formatUser(group.owner)}`,
    `  members:      ${group.member_count} of at most ${group.max_members}`,
    `  your role:    ${group.my_role ?? 'not a member'}`,
    `  muted all:    ${group.muted_all ? 'yes (only the owner and admins may send)' : 'no'}`,
    `  created:      ${formatTime(group.created_at)}`,
  ];
}
