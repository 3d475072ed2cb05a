import type { UserProfile, UserSummary } from '@imkit/sdk';
import { formatUser } from './formatUser.js';

/** A search hit as a line: `bob (Bob)  friend`, `carol`, `dan  deleted`. */
export function formatUserSummary(user: UserSummary): string {
  const marks = [user.is_friend ? 'friend' : null, user.deleted ? 'deleted' : null];
  return [formatUser(user), ...marks.filter((m) => m !== null)].join('  ');
}

/**
 * Another user's profile as lines: the name, then `id`, the relationship (friend with remark
 * and presence, blocked, deleted), `bio` and `gender` when set. Never email or phone: the
 * server does not show them.
 */
export function formatUserProfile(user: UserProfile): string[] {
  const relation = user.is_friend
    ? `friend${user.remark ? `, your remark "${user.remark}"` : ''}${user.presence ? `, ${user.presence}` : ''}`
    : 'not your friend';
  const lines = [
    formatUser(user) + (user.deleted ? '  (deleted account)' : ''),
    `  id:       ${user.id}`,
    `  you:      ${relation}${user.is_blocked ? '; you blocked them' : ''}`,
  ];
  if (user.bio) lines.push(`  bio:      ${user.bio}`);
  if (user.gender !== 'undisclosed') lines.push(`  gender:   ${user.gender}`);
  return lines;
}
