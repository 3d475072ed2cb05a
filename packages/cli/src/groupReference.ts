/** The prefix that marks a chat target as a group: `#climbing`, `#0192f5ab-...`. */
export const GROUP_PREFIX = '#';

/**
 * The group reference of a chat target: `#climbing` -> `climbing`; null for a username.
 * A lone `#` is not a group (it is returned as null and treated as a username).
 */
export function parseGroupTarget(target: string): string | null {
  return target.startsWith(GROUP_PREFIX) && target.length > GROUP_PREFIX.length
    ? target.slice(GROUP_PREFIX.length)
    : null;
}

/** A `<group>` argument of `imkit groups`: its id or name, with or without the leading `#`. */
export function groupArgument(value: string): string {
  return parseGroupTarget(value) ?? value;
}
