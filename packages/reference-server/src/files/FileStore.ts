import type { ServerConfig } from '../config/ServerConfig.js';

/** Where the bytes of uploaded files live: a folder under the data directory by default. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as files are implemented.
export interface FileStore {}

/** The file store of a configuration (`filesDir`). */
export function createFileStore(_config: ServerConfig): FileStore {
  return {};
}
