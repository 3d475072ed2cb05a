import type { AuthContext } from '../auth/AuthContext.js';
import type { GroupMembersTable, GroupsTable } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError, type ErrorCode } from '../http/ApiError.js';
import type { OpenApiDocument } from '../spec/loadSpec.js';
import { type GroupRole, holds, outranks, type RequiredGroupRole } from './groupRoles.js';

/** An operation's `x-group-access` extension: who may call it, in the spec. */
export interface GroupAccessRule {
  /** The least role the caller must hold in the group. */
  role: RequiredGroupRole;
  /** The caller must rank strictly above the member named by the `user_id` path parameter. */
  outranks_target?: boolean;
  /** Where the group comes from when it is not the `group_id` path parameter. */
  group?: string;
  /**
   * The refusal code when the target does not rank below the caller, by the target's role
   * (e.g. `group.cannot_remove_owner`); `group.permission_denied` for roles it does not name.
   */
  target_refusals?: Partial<Record<GroupRole, ErrorCode>>;
}

/** What the gate established for a handler: the group, the caller's and the target's rows. */
export interface GroupAccess {
  group: GroupsTable;
  caller: GroupMembersTable;
  /** The member named by `user_id`, for operations with `outranks_target`. */
  target?: GroupMembersTable;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The one place that decides who may call a group operation: reads every operation's
 * `x-group-access` from the spec, and before the handler runs checks the caller's role in the
 * group named by the `group_id` path parameter (operations whose group comes from elsewhere,
 * `group: ...`, check it in their handler through {@link GroupGate.admit}).
 */
export class GroupGate {
  private readonly rules = new Map<string, GroupAccessRule>();

  constructor(
    spec: OpenApiDocument,
    private readonly db: () => Database,
  ) {
    for (const item of Object.values(spec.paths)) {
      for (const method of METHODS) {
        const operation = item[method] as
          | { operationId: string; 'x-group-access'?: GroupAccessRule }
          | undefined;
        const rule = operation?.['x-group-access'];
        if (operation && rule) this.rules.set(operation.operationId, rule);
      }
    }
  }

  /** The rule of an operation, if it has one. */
  ruleOf(operationId: string): GroupAccessRule | undefined {
    return this.rules.get(operationId);
  }

  /**
   * Checks the caller of `operationId` before its handler, when the operation's group is its
   * `group_id` path parameter and its rule asks for a role.
   * @returns the established access, or undefined when the operation has no such rule.
   * @throws ApiError as {@link GroupGate.admit}.
   */
  async check(
    operationId: string,
    path: Record<string, unknown>,
    auth: AuthContext | undefined,
  ): Promise<GroupAccess | undefined> {
    const rule = this.rules.get(operationId);
    if (!rule || rule.role === 'signed_in' || rule.group || !auth) return undefined;
    const targetId = rule.outranks_target ? String(path.user_id) : undefined;
    return this.admit(rule, String(path.group_id), auth.userId, targetId);
  }

  /**
   * Admits `callerId` to act in group `groupId` under `rule`.
   * @throws ApiError 404 `group.not_found` (no such group, or dismissed), 403 `group.not_member`,
   *   403 `group.permission_denied` (role too low, or not above the target; or the rule's
   *   `target_refusals` code for the target's role), 404
   *   `group.member_not_found` (the target is not a member).
   */
  async admit(
    rule: GroupAccessRule,
    groupId: string,
    callerId: string,
    targetId?: string,
  ): Promise<GroupAccess> {
    const db = this.db();
    const group = await db
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', groupId)
      .where('dismissed_at', 'is', null)
      .executeTakeFirst();
    if (!group) throw new ApiError(404, 'group.not_found', 'No group has this id.');
    const members = await db
      .selectFrom('group_members')
      .selectAll()
      .where('group_id', '=', groupId)
      .where('user_id', 'in', targetId ? [callerId, targetId] : [callerId])
      .execute();
    const caller = members.find((m) => m.user_id === callerId);
    if (!caller) throw new ApiError(403, 'group.not_member', 'You are not a member of this group.');
    if (!holds(caller.role, rule.role)) {
      throw new ApiError(403, 'group.permission_denied', `This needs the ${rule.role} role.`);
    }
    if (targetId === undefined) return { group, caller };
    const target = members.find((m) => m.user_id === targetId);
    if (!target) {
      throw new ApiError(404, 'group.member_not_found', 'That user is not a member of this group.');
    }
    if (target.user_id !== callerId && !outranks(caller.role, target.role)) {
      const code = rule.target_refusals?.[target.role] ?? 'group.permission_denied';
      throw new ApiError(403, code, `Your role does not rank above this ${target.role}'s.`);
    }
    return { group, caller, target };
  }
}
