import type { ImkitClient } from './createImkitClient.js';
import type { Group } from './generated/openapi.js';
import { GroupReferenceError } from './groupsReferenceError.js';

/** The largest page the server returns. */
const MAX_PAGE = 100;

/**
 * The group among the caller's groups (`listGroups`, every page) that `reference` names: the
 * group whose id is exactly `reference`, else the one group whose name equals it ignoring case.
 * Only groups the caller is a member of are searched; a group found by id needs no name check.
 *
 * @param client A logged-in client.
 * @param reference A group id, or a group name (`Climbing club`; compared case-insensitively).
 * @throws GroupReferenceError `group.reference_not_found` when nothing matches,
 *   `group.reference_ambiguous` (with `candidates`) when several groups have that name.
 * @throws ImkitError when `listGroups` fails.
 * @example const group = await resolveGroup(client, 'Climbing club');
 */
export async function resolveGroup(client: ImkitClient, reference: string): Promise<Group> {
  const wanted = reference.trim().toLowerCase();
  const byName: Group[] = [];
  for await (const group of client.paginate('listGroups', { query: { limit: MAX_PAGE } })) {
    if (group.id === reference) return group;
    if (group.name.toLowerCase() === wanted) byName.push(group);
  }
  const [only] = byName;
  if (only && byName.length === 1) return only;
  throw new GroupReferenceError(reference, byName);
}
