import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * A child process of the multi-process test whose stdout and stderr go to a log file (kept for
 * a failure report) and whose output can be waited on. Every child is killed when the test
 * runner exits, even on a crash, so none outlives the run.
 */
export class ChildProcessLog {
  readonly child: ChildProcess;
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /**
   * @param name shown in failure messages (`imkit-1`, `redis`, `nginx`).
   * @param logFile where stdout and stderr are appended.
   */
  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { env: NodeJS.ProcessEnv; logFile: string },
  ) {
    const log = fs.createWriteStream(options.logFile, { flags: 'a' });
    this.child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        log.write(chunk);
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        log.end();
        resolve({ code, signal });
      });
    });
    this.child.once('error', (error) => {
      this.output += `\n[spawn failed: ${error.message}]`;
    });
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  /** True once the process has exited. */
  get done(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The last `lines` lines of its output, for failure messages. */
  tail(lines = 30): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /**
   * Resolves with the first match of `pattern` in the output.
   * @throws Error naming the process, with its last output, when the process exits first or
   *   nothing matches within `timeoutMs` ms.
   */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.done)
        throw new Error(`${this.name} exited before printing ${pattern}:\n${this.tail()}`);
      if (Date.now() > deadline) {
        throw new Error(
          `${this.name} printed no ${pattern} within ${timeoutMs} ms:\n${this.tail()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Sends `signal` and waits for the exit.
   * @throws Error when the process is still running `timeoutMs` ms later.
   */
  async stop(
    signal: NodeJS.Signals,
    timeoutMs = 15_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.done) this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`${this.name} still runs ${timeoutMs} ms after ${signal}:\n${this.tail()}`),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const running = new Set<ChildProcessLog>();
process.once('exit', () => {
  for (const entry of running) entry.child.kill('SIGKILL');
});
