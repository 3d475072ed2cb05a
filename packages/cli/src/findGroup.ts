import type { Group, ImkitClient } from '@imkit/sdk';
import { CliError } from './errors.js';

/**
 * The group among mine that `reference` names: its id, or its name when no other of my groups
 * has it (case-insensitive). Uses the SDK's `resolveGroup`, loaded only when a command needs it.
 * @throws CliError `cli.group_not_found` when nothing matches, `cli.group_ambiguous` listing the
 *   candidates (name and id) when several of my groups have that name.
 */
export async function findGroup(client: ImkitClient, reference: string): Promise<Group> {
  const { resolveGroup, GroupReferenceError } = await import('@imkit/sdk');
  try {
    return await resolveGroup(client, reference);
  } catch (err) {
    if (!(err instanceof GroupReferenceError)) throw err;
    if (err.code === 'group.reference_ambiguous') {
      const candidates = err.candidates.map((group) => `#${group.id} (${group.name})`).join(', ');
      throw new CliError(
        `"${reference}" names ${err.candidates.length} of your groups: ${candidates}`,
        { code: 'cli.group_ambiguous', hint: 'name the group by its id: #<id>', cause: err },
      );
    }
    throw new CliError(`none of your groups is named "${reference}" or has that id`, {
      code: 'cli.group_not_found',
      hint: '`imkit groups list` shows your groups',
      cause: err,
    });
  }
}
