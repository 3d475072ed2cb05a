import { describe, expect, it } from 'vitest';
import { resolve } from './exampleCases.js';
import { type Bundle, type BundleOperation, bundleOperations, loadBundle } from './loadBundle.js';

const spec = loadBundle();
const operations = bundleOperations(spec);

/** The least role a caller must hold, weakest first (the order of `x-group-access.role`). */
const ROLES = ['signed_in', 'member', 'admin', 'owner'];
/** Where the group comes from when it is not the `{group_id}` path parameter. */
const GROUP_SOURCES = ['join_request', 'body'];
const KEYS = ['role', 'outranks_target', 'group', 'target_refusals'];
/** How each role's rule opens the operation's description. */
const RULE_IN_WORDS: Record<string, string> = {
  member: 'Members only',
  admin: 'Owner or admin',
  owner: 'Owner only',
};

/** Chat-group operations: tagged `groups`, or under `/groups` or `/group-...`. */
const isGroupOperation = (op: BundleOperation) =>
  (op.operation.tags ?? []).includes('groups') ||
  op.path === '/groups' ||
  op.path.startsWith('/groups/') ||
  op.path.startsWith('/group-');

const groupOperations = operations.filter(isGroupOperation);
const withAccess = operations.filter((op) => op.operation['x-group-access'] !== undefined);
const hasPathParameter = (op: BundleOperation, name: string) => op.path.includes(`{${name}}`);

/** Whether the operation's request body requires a `group_id` property. */
function bodyRequiresGroupId(op: BundleOperation): boolean {
  if (!op.operation.requestBody) return false;
  const content = resolve(spec, op.operation.requestBody).content as Bundle;
  return Object.values(content).some((media) => {
    const schema = resolve(spec, (media as Bundle).schema);
    return Boolean(schema.properties?.group_id) && (schema.required ?? []).includes('group_id');
  });
}

/** Whether the operation is about one group: `{group_id}` in the path, or a `group` source. */
const namesGroup = (op: BundleOperation) =>
  hasPathParameter(op, 'group_id') || op.operation['x-group-access']?.group !== undefined;

/** What is wrong with the operation's `x-group-access`, as readable lines (none when valid). */
function accessProblems(op: BundleOperation): string[] {
  const access = op.operation['x-group-access'] as Bundle | undefined;
  const at = `${op.operationId}:`;
  if (!access || typeof access !== 'object' || Array.isArray(access))
    return [`${at} no x-group-access object`];
  const problems = Object.keys(access)
    .filter((key) => !KEYS.includes(key))
    .map((key) => `${at} unknown key ${key}`);
  if (!ROLES.includes(access.role)) problems.push(`${at} role ${access.role} is not in ${ROLES}`);
  if ('outranks_target' in access) {
    if (access.outranks_target !== true) problems.push(`${at} outranks_target is not true`);
    if (!hasPathParameter(op, 'user_id'))
      problems.push(`${at} outranks_target without {user_id} in the path`);
    if (!['admin', 'owner'].includes(access.role))
      problems.push(`${at} outranks_target with role ${access.role}`);
  }
  if ('target_refusals' in access) {
    const refusals = access.target_refusals as Record<string, unknown>;
    if (!access.outranks_target) problems.push(`${at} target_refusals without outranks_target`);
    for (const [role, code] of Object.entries(refusals ?? {})) {
      if (!['owner', 'admin', 'member'].includes(role))
        problems.push(`${at} target_refusals for unknown role ${role}`);
      if (
        typeof code !== 'string' ||
        !JSON.stringify(op.operation.responses?.['403'] ?? {}).includes(code)
      )
        problems.push(`${at} target_refusals code ${String(code)} is not documented in its 403`);
    }
  }
  if ('group' in access) {
    if (!GROUP_SOURCES.includes(access.group))
      problems.push(`${at} group ${access.group} is not in ${GROUP_SOURCES}`);
    if (hasPathParameter(op, 'group_id'))
      problems.push(`${at} group given although the path has {group_id}`);
    if (access.group === 'join_request' && !hasPathParameter(op, 'join_request_id'))
      problems.push(`${at} group: join_request without {join_request_id} in the path`);
    if (access.group === 'body' && !bodyRequiresGroupId(op))
      problems.push(`${at} group: body without a required group_id in the body`);
  }
  if (access.role !== 'signed_in' && !namesGroup(op))
    problems.push(`${at} role ${access.role} but no group (no {group_id}, no group key)`);
  return problems;
}

/** The response for `status`, resolved, with its description and the codes it names. */
function response(op: BundleOperation, status: string) {
  const found = op.operation.responses[status];
  if (!found) return undefined;
  const resolved = resolve(spec, found);
  const description = String(resolved.description ?? '');
  const named = [...description.matchAll(/`([a-z_]+\.[a-z_]+)`/g)].map((match) => match[1]);
  const media = resolved.content?.['application/problem+json'];
  return { description, named, exampleCode: media?.example?.code as string | undefined };
}

/** What is missing from the documented refusals of the operation (none when complete). */
function refusalProblems(op: BundleOperation): string[] {
  const access = op.operation['x-group-access'] as Bundle;
  const at = `${op.operationId}:`;
  const problems: string[] = [];
  const expectCodes = (status: string, codes: string[]) => {
    const answer = response(op, status);
    if (!answer) return problems.push(`${at} no ${status} response`);
    for (const code of codes.filter((code) => !answer.named.includes(code)))
      problems.push(`${at} ${status} does not name \`${code}\``);
    if (answer.exampleCode && !answer.named.includes(answer.exampleCode))
      problems.push(`${at} ${status} example code ${answer.exampleCode} is not in its description`);
  };
  const notFound = ['group.not_found'];
  if (access.group === 'join_request') notFound.push('group.join_request_not_found');
  if (access.outranks_target) notFound.push('group.member_not_found');
  if (namesGroup(op)) expectCodes('404', notFound);
  if (access.role === 'signed_in') return problems;
  expectCodes(
    '403',
    access.role === 'member'
      ? ['group.not_member']
      : ['group.not_member', 'group.permission_denied'],
  );
  const phrase = RULE_IN_WORDS[access.role];
  if (phrase && !String(op.operation.description ?? '').startsWith(phrase))
    problems.push(`${at} description does not open with "${phrase}"`);
  return problems;
}

describe('group permissions are data (x-group-access, issue 9)', () => {
  it('finds the chat-group operations', () => {
    expect(groupOperations.length).toBeGreaterThanOrEqual(26);
    expect(groupOperations.map((op) => op.operationId)).toEqual(
      expect.arrayContaining(['createGroup', 'removeGroupMember', 'approveGroupJoinRequest']),
    );
  });

  it('states a valid x-group-access on every group operation', () => {
    expect(groupOperations.flatMap(accessProblems)).toEqual([]);
  });

  it('keeps x-group-access valid wherever else it appears', () => {
    expect(withAccess.filter((op) => !isGroupOperation(op)).flatMap(accessProblems)).toEqual([]);
  });

  it('documents 404 for the group and 403 for the caller wherever the rule can refuse', () => {
    expect(withAccess.flatMap(refusalProblems)).toEqual([]);
  });

  it('has every role in use, so the rule table exercises each', () => {
    const used = new Set(withAccess.map((op) => op.operation['x-group-access'].role));
    expect([...used].sort()).toEqual([...ROLES].sort());
    expect(withAccess.some((op) => op.operation['x-group-access'].outranks_target)).toBe(true);
  });
});
