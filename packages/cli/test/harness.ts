import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import type { ClientFactory } from '../src/context.js';
import type { Prompter } from '../src/prompter.js';
import { run } from '../src/run.js';
import { SessionFile } from '../src/session/sessionFile.js';

/** A writable stream that keeps what was written. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

export interface CliRunOptions {
  env?: Record<string, string | undefined>;
  /** Text piped on stdin; a stream for interactive tests. Default: empty. */
  stdin?: string | NodeJS.ReadableStream;
  isTTY?: boolean;
  configDir?: string;
  createClient?: ClientFactory;
  prompter?: Prompter;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh, empty config dir. */
export async function tempConfigDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'imkit-cli-test-'));
}

/** Runs the CLI in process with captured streams and a throwaway config dir. */
export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin =
    typeof options.stdin === 'string' || options.stdin === undefined
      ? Readable.from(options.stdin ? [Buffer.from(options.stdin)] : [])
      : options.stdin;
  const configDir = options.configDir ?? (await tempConfigDir());
  const code = await run(args, {
    env: { IMKIT_CONFIG_DIR: configDir, ...options.env },
    stdin,
    stdout,
    stderr,
    isTTY: options.isTTY ?? false,
    ...(options.createClient ? { createClient: options.createClient } : {}),
    ...(options.prompter ? { prompter: options.prompter } : {}),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A stdin whose lines the test writes while the command runs. */
export function interactiveStdin(): PassThrough {
  return new PassThrough();
}

/** A prompter answering from a list, recording the questions. */
export function scriptedPrompter(answers: string[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = async (message: string) => {
    asked.push(message);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected prompt: ${message}`);
    return answer;
  };
  return { asked, input: next, password: next };
}

/** The server the command tests talk to (through a fake fetch). */
export const TEST_SERVER = 'http://imkit.test:8080';

/** Stores a session for alice, as `imkit login` would. */
export async function seedSession(
  configDir: string,
  overrides: { access_expires_at?: number; username?: string } = {},
): Promise<void> {
  await new SessionFile(configDir).write({
    server: TEST_SERVER,
    username: overrides.username ?? 'alice',
    tokens: {
      access_token: 'access-alice',
      refresh_token: 'refresh-alice',
      access_expires_at: overrides.access_expires_at ?? Date.now() + 15 * 60_000,
      user_id: 'u-alice',
    },
  });
}

/**
 * A time as the CLI prints it (`formatTime`): `HH:MM:SS` today, else `YYYY-MM-DD HH:MM`. For
 * regular expressions over output about things that just happened (which may straddle midnight).
 */
export const TIME_PATTERN = '(?:\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d|\\d\\d:\\d\\d:\\d\\d)';
