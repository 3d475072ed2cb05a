import { UsageError } from './errors.js';

/** The server used when neither `--server`, `IMKIT_SERVER` nor a stored session names one. */
export const DEFAULT_SERVER = 'http://localhost:8080';

/** Checks a server URL and drops trailing slashes, so equal servers compare equal. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`invalid server URL "${raw}"`, 'cli.invalid_server');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `invalid server URL "${raw}": use http:// or https://`,
      'cli.invalid_server',
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Where a server URL came from. */
export interface ServerSources {
  /** `--server`. */
  flag?: string | undefined;
  /** `IMKIT_SERVER`. */
  env?: string | undefined;
  /** The server of the stored session. */
  session?: string | undefined;
}

/** Picks the server: `--server`, then `IMKIT_SERVER`, then the session's, then {@link DEFAULT_SERVER}. */
export function resolveServerUrl(sources: ServerSources): string {
  const raw = sources.flag || sources.env || sources.session || DEFAULT_SERVER;
  return normalizeServerUrl(raw);
}
