import type { Group } from './generated/openapi.js';

/** Why a group reference could not be resolved: nothing matched, or several groups did. */
export type GroupReferenceErrorCode = 'group.reference_not_found' | 'group.reference_ambiguous';

/**
 * Thrown by `resolveGroup` when a reference (an id or a name) names none of the caller's
 * groups (`group.reference_not_found`), or names several of them (`group.reference_ambiguous`,
 * with every match in `candidates`, so the caller can list them and ask for an id).
 */
export class GroupReferenceError extends Error {
  override readonly name = 'GroupReferenceError';
  /** `group.reference_not_found` or `group.reference_ambiguous`. */
  readonly code: GroupReferenceErrorCode;
  /** The reference as given. */
  readonly reference: string;
  /** The groups the reference matched: empty when none did, two or more when ambiguous. */
  readonly candidates: readonly Group[];

  constructor(reference: string, candidates: readonly Group[]) {
    const ambiguous = candidates.length > 1;
    super(
      ambiguous
        ? `"${reference}" names ${candidates.length} of your groups: ${candidates
            .map((group) => `${group.name} (${group.id})`)
            .join(', ')}; use the id`
        : `none of your groups is named "${reference}" or has that id`,
    );
    this.code = ambiguous ? 'group.reference_ambiguous' : 'group.reference_not_found';
    this.reference = reference;
    this.candidates = candidates;
  }
}
