export { type CliEnv, resolveConfigDir } from './configDir.js';
export type { ClientFactory } from './context.js';
export {
  CliError,
  type CliErrorOptions,
  EXIT_FAILURE,
  EXIT_USAGE,
  NotLoggedInError,
  UsageError,
} from './errors.js';
export { formatFriendRequest } from './format/formatFriendRequest.js';
export { formatMessage } from './format/formatMessage.js';
export { formatTime } from './format/formatTime.js';
export { formatError } from './formatError.js';
export type { CliIO } from './io.js';
export type { Prompter } from './prompter.js';
export { type RunOptions, run } from './run.js';
export { DEFAULT_SERVER, normalizeServerUrl, resolveServerUrl } from './serverUrl.js';
export type { Session } from './session/session.js';
export { SESSION_FILE_NAME, SessionFile } from './session/sessionFile.js';
export { SessionTokenStore } from './session/sessionTokenStore.js';
