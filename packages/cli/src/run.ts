import { CommanderError } from 'commander';
import { type CliEnv, resolveConfigDir } from './configDir.js';
import type { CliContext, ClientFactory } from './context.js';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './errors.js';
import { type CliIO, writeLine } from './io.js';
import { DEFAULT_PROFILE } from './profiles/profileName.js';
import { createProgram } from './program.js';
import { createInquirerPrompter, type Prompter } from './prompter.js';
import { SessionFile } from './session/sessionFile.js';

/** Exit code after the user cancelled a prompt with Ctrl+C. */
const EXIT_INTERRUPTED = 130;

/** How to run the CLI: streams, environment and, for tests, replaceable collaborators. */
export interface RunOptions extends CliIO {
  /** Environment variables (`IMKIT_SERVER`, `IMKIT_PASSWORD`, `IMKIT_CONFIG_DIR`, `IMKIT_PROFILE`). */
  env: CliEnv;
  /** Config dir when `IMKIT_CONFIG_DIR` is unset. Default: the XDG config dir of `imkit`. */
  defaultConfigDir?: string;
  /** Builds the SDK client. Default: `createImkitClient`. */
  createClient?: ClientFactory;
  /** Asks for missing values on a terminal. Default: @inquirer/prompts on stdin/stderr. */
  prompter?: Prompter;
}

/**
 * Runs `imkit` with the arguments after the program name and resolves the exit code:
 * 0 on success, 1 when the server or the command failed, 2 for a bad command line.
 * Never exits the process and writes only to the given streams.
 *
 * @example
 * const code = await run(['whoami', '--json'], { env: process.env, stdin, stdout, stderr, isTTY: false });
 */
export async function run(argv: readonly string[], options: RunOptions): Promise<number> {
  const io: CliIO = {
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr,
    isTTY: options.isTTY,
  };
  const configDir = resolveConfigDir(options.env, options.defaultConfigDir);
  const ctx: CliContext = {
    io,
    env: options.env,
    prompter: options.prompter ?? createInquirerPrompter(io),
    // The default profile's until the options are parsed (see `useProfile` in program.ts).
    sessionFile: new SessionFile(configDir),
    profile: { configDir, name: DEFAULT_PROFILE },
    loadClientFactory: async () =>
      options.createClient ?? (await import('@imkit/sdk')).createImkitClient,
    exitCode: 0,
  };
  try {
    await createProgram(ctx).parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    return await reportFailure(err, ctx);
  }
}

async function reportFailure(err: unknown, ctx: CliContext): Promise<number> {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  if (err instanceof Error && err.name === 'ExitPromptError') return EXIT_INTERRUPTED;
  // Loaded on failure only: it pulls in the SDK's error types.
  const { formatError } = await import('./formatError.js');
  for (const line of formatError(err, ctx.server)) writeLine(ctx.io.stderr, line);
  return err instanceof CliError ? err.exitCode : EXIT_FAILURE;
}
