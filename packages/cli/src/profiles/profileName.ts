import { UsageError } from '../errors.js';

/** The profile used when neither `--profile` nor `IMKIT_PROFILE` names one. */
export const DEFAULT_PROFILE = 'default';

/** Letters, digits, `-` and `_`, starting with a letter or digit; at most 32 characters. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/**
 * The profile a command runs as: the `--profile` flag, else `IMKIT_PROFILE`, else `default`.
 * @throws UsageError when the name is not a safe directory name (it becomes one).
 */
export function resolveProfileName(flag: string | undefined, env: string | undefined): string {
  const name = (flag ?? env ?? '').trim() || DEFAULT_PROFILE;
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(
      `invalid profile name "${name}": use letters, digits, - and _ (at most 32 characters)`,
      'cli.invalid_profile',
    );
  }
  return name;
}
