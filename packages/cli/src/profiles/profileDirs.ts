import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PROFILE } from './profileName.js';

/** Sub-directory of the config dir that holds one directory per named profile. */
export const PROFILES_DIR_NAME = 'profiles';

/**
 * Where a profile keeps its session and device id: the config dir itself for `default` (so a
 * config dir from before profiles keeps working), else `<configDir>/profiles/<name>`.
 */
export function profileDir(configDir: string, name: string): string {
  return name === DEFAULT_PROFILE ? configDir : join(configDir, PROFILES_DIR_NAME, name);
}

/** The named profiles that have a directory, sorted; `default` is not among them. */
export async function namedProfiles(configDir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(configDir, PROFILES_DIR_NAME), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
