// The permission table of issue 9: every group operation whose `x-group-access` names a role,
// called as the owner, an admin, a member, a muted member and an outsider, answers as the
// extension says. The rules are read from the spec itself, so a new operation is covered too.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse } from './support/contractCheck.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, registerUser, type TestUser } from './support/users.js';

interface Rule {
  role: 'signed_in' | 'member' | 'admin' | 'owner';
  outranks_target?: boolean;
  group?: string;
  target_refusals?: Record<string, string>;
}
interface Operation {
  operationId: string;
  method: string;
  path: string;
  rule: Rule;
}

const spec = JSON.parse(
  fs.readFileSync(createRequire(import.meta.url).resolve('@imkit/openapi/openapi.json'), 'utf8'),
) as { paths: Record<string, Record<string, { operationId: string; 'x-group-access'?: Rule }>> };

/** The operations the gate checks: a role above signed_in, the group from `{group_id}`. */
const gated: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, operation]) => {
    const rule = operation?.['x-group-access'];
    if (!rule || rule.role === 'signed_in' || rule.group) return [];
    return [{ operationId: operation.operationId, method: method.toUpperCase(), path, rule }];
  }),
);

const RANK = { signed_in: 0, member: 1, admin: 2, owner: 3 } as const;
type Caller = 'owner' | 'admin' | 'member' | 'muted member' | 'outsider';

let t: TestServer;
let people: Record<Caller, TestUser>;
let groupId: string;

/**
 * A new group for each call: the calls are real, so an allowed dismissal, removal or departure
 * would change the group for the next one.
 */
async function freshGroup() {
  const { owner, admin, member, 'muted member': muted } = people;
  const group = await owner.client.createGroup({
    body: { name: 'Permissions', member_ids: [admin.user.id, member.user.id, muted.user.id] },
  });
  groupId = group.id;
  // Roles and mutes set straight in the database: the operations that set them have their own
  // tests; this table is about the gate.
  const db = t.server.services.db;
  await db
    .updateTable('group_members')
    .set({ role: 'admin' })
    .where('group_id', '=', groupId)
    .where('user_id', '=', admin.user.id)
    .execute();
  await db
    .updateTable('group_members')
    .set({ muted_indefinitely: 1 })
    .where('group_id', '=', groupId)
    .where('user_id', '=', muted.user.id)
    .execute();
}

beforeAll(async () => {
  t = await startTestServer();
  const [owner, admin, member, muted, outsider] = await Promise.all(
    ['owner', 'admin', 'member', 'muted', 'outsider'].map((name) => registerUser(t.url, name)),
  );
  for (const friend of [admin!, member!, muted!]) await befriend(owner!, friend);
  people = {
    owner: owner!,
    admin: admin!,
    member: member!,
    'muted member': muted!,
    outsider: outsider!,
  };
});
afterAll(() => t.close());

/** What the gate must answer: a refusal code, or nothing (the operation itself answers). */
function expected(caller: Caller, rule: Rule, target: Caller): string | undefined {
  if (caller === 'outsider') return 'group.not_member';
  const role = caller === 'muted member' ? 'member' : caller;
  if (RANK[role] < RANK[rule.role]) return 'group.permission_denied';
  if (rule.outranks_target && caller !== target && RANK[role] <= RANK[target as 'owner'])
    return rule.target_refusals?.[target] ?? 'group.permission_denied';
  return undefined;
}

async function call(operation: Operation, caller: Caller, target: Caller) {
  await freshGroup();
  const url = operation.path
    .replace('{group_id}', groupId)
    .replace('{user_id}', people[target].user.id)
    .replace(/\{[a-z_]+\}/g, '0192f5aa-0000-7000-8000-000000000000');
  const token = await people[caller].client.getAccessToken();
  const response = await fetch(`${t.url}${url}`, {
    method: operation.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: operation.method === 'GET' || operation.method === 'DELETE' ? undefined : '{}',
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { code?: string }) : undefined;
  return { status: response.status, code: body?.code, body, url: `${t.url}${url}` };
}

describe('who may call each group operation (x-group-access)', () => {
  it('covers every group operation whose rule names a role', () => {
    expect(gated.length).toBeGreaterThanOrEqual(19);
  });

  const callers: Caller[] = ['owner', 'admin', 'member', 'muted member', 'outsider'];
  for (const caller of callers) {
    it(`answers the ${caller} as each rule says`, async () => {
      const mismatches: string[] = [];
      for (const operation of gated) {
        // Operations on a member: aimed at the plain member, and for admins also at the owner.
        const targets: Caller[] = operation.rule.outranks_target
          ? caller === 'admin'
            ? ['member', 'owner']
            : ['member']
          : ['member'];
        for (const target of targets) {
          const answer = await call(operation, caller, target);
          const want = expected(caller, operation.rule, target);
          const gateCodes = [
            'group.not_member',
            'group.permission_denied',
            ...Object.values(operation.rule.target_refusals ?? {}),
          ];
          const refused = answer.status === 403 && gateCodes.includes(answer.code ?? '');
          if (want) {
            if (answer.status !== 403 || answer.code !== want)
              mismatches.push(
                `${operation.operationId} → ${answer.status} ${answer.code}, want ${want}`,
              );
            const violations = checkResponse(
              operation.method,
              answer.url,
              answer.status,
              'application/problem+json',
              answer.body,
            );
            mismatches.push(...violations);
          } else if (refused || answer.code === 'group.not_found') {
            mismatches.push(`${operation.operationId} → refused (${answer.code}), want allowed`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('answers 404 group.not_found for a group that does not exist, before looking at the caller', async () => {
    const token = await people.outsider.client.getAccessToken();
    const response = await fetch(`${t.url}/groups/0192f5aa-0000-7000-8000-00000000ffff/members`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('group.not_found');
  });
});
