import type { GroupMembersTable } from '../db/DatabaseSchema.js';

/** A member's role in a chat group (`GroupRole` in the spec). */
export type GroupRole = GroupMembersTable['role'];

/** The least role an operation asks of its caller (`x-group-access.role` in the spec). */
export type RequiredGroupRole = 'signed_in' | GroupRole;

const RANK: Record<RequiredGroupRole, number> = { signed_in: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` is `required` or above it (owner > admin > member > signed_in). */
export function holds(role: GroupRole, required: RequiredGroupRole): boolean {
  return RANK[role] >= RANK[required];
}

/** True when `role` ranks strictly above `other` (an admin above a member, not another admin). */
export function outranks(role: GroupRole, other: GroupRole): boolean {
  return RANK[role] > RANK[other];
}
