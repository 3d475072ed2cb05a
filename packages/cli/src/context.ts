import type { ImkitClient, TokenStore } from '@imkit/sdk';
import type { CliEnv } from './configDir.js';
import type { CliIO } from './io.js';
import type { Prompter } from './prompter.js';
import type { SessionFile } from './session/sessionFile.js';

/** Builds the SDK client for one server; tests inject a fake. */
export type ClientFactory = (options: { baseUrl: string; tokenStore: TokenStore }) => ImkitClient;

/** Everything a command needs from outside: streams, environment, storage, client factory. */
export interface CliContext {
  io: CliIO;
  env: CliEnv;
  prompter: Prompter;
  /** The session file of the profile the command runs as (set once the options are parsed). */
  sessionFile: SessionFile;
  /** The config dir and the profile (`--profile`, `IMKIT_PROFILE`, else `default`) in use. */
  profile: { configDir: string; name: string };
  /** Resolves the client factory; the SDK is loaded only by commands that talk to a server. */
  loadClientFactory(): Promise<ClientFactory>;
  /** The server the command talks to, once resolved (for error messages). */
  server?: string;
  /** Exit code for a command that finished without throwing. Default: 0. */
  exitCode: number;
}
