import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TerminalUser } from './realServer.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** How long a chat process may take to show something before the test fails, in ms. */
const WAIT_LIMIT_MS = 20_000;

/** `imkit chat <target>` running as its own process (from source), with its output so far. */
export interface ChatProcess {
  stdout(): string;
  stderr(): string;
  /** Types one line into the chat. */
  type(line: string): void;
  /** Sends `text` without ending the line, as someone still typing it. */
  keys(text: string): void;
  /** Resolves once `text` appeared on stdout (or stderr); rejects after a bounded wait. */
  waitFor(text: string, stream?: 'stdout' | 'stderr'): Promise<void>;
  /** Ends the input (as Ctrl+D) and resolves the exit code. */
  end(): Promise<number>;
}

/** Starts `imkit chat <target>` for `user` in a new process (from source). */
export function startChat(user: TerminalUser, target: string): ChatProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'chat', target], {
    cwd: packageDir,
    env: { ...process.env, IMKIT_CONFIG_DIR: user.configDir, IMKIT_SERVER: user.server },
  });
  const output = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout.on('data', (chunk) => {
    output.stdout += chunk;
    notify();
  });
  child.stderr.on('data', (chunk) => {
    output.stderr += chunk;
    notify();
  });
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code) => {
      notify();
      resolve(code ?? -1);
    });
  });
  return {
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    keys: (text) => child.stdin.write(text),
    type: (line) => child.stdin.write(`${line}\n`),
    waitFor: (text, stream = 'stdout') =>
      new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (output[stream].includes(text)) finish();
          else if (child.exitCode !== null) finish(new Error(`chat exited before "${text}"`));
        };
        const timer = setTimeout(
          () =>
            finish(
              new Error(
                `"${text}" did not appear on ${stream} of ${user.username}'s chat\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`,
              ),
            ),
          WAIT_LIMIT_MS,
        );
        waiters.add(check);
        check();
      }),
    end: () => {
      child.stdin.end();
      return exited;
    },
  };
}
