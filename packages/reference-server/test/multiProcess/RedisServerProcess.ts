import path from 'node:path';
import { ChildProcessLog } from './ChildProcessLog.js';

/** How long redis-server may take to accept connections, in ms. */
const START_TIMEOUT_MS = 10_000;

/**
 * A redis-server of the test's own on a port of its own, with persistence off
 * (`--save '' --appendonly no`): killing and restarting it loses everything it held, as a
 * crashed Redis without persistence would, and touches nothing outside the test's folder.
 */
export class RedisServerProcess {
  private process: ChildProcessLog | undefined;
  private starts = 0;

  /**
   * @param port the TCP port on 127.0.0.1, the same across restarts.
   * @param dir the test's folder (working directory and log files).
   */
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * Starts redis-server (the binary on PATH, or `IMKIT_TEST_REDIS_SERVER`) and resolves once it
   * accepts connections.
   * @throws Error with its output when it exits or is not ready within 10 s.
   */
  async start(): Promise<void> {
    this.starts += 1;
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    this.process = new ChildProcessLog(
      'redis-server',
      process.env.IMKIT_TEST_REDIS_SERVER || 'redis-server',
      [...args, '--dir', this.dir],
      {
        env: { PATH: process.env.PATH },
        logFile: path.join(this.dir, `redis-${this.starts}.log`),
      },
    );
    await this.process.waitForOutput(/Ready to accept connections/, START_TIMEOUT_MS);
  }

  /** Kills it with SIGKILL (no shutdown, as a crash) and waits for the exit. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
  }

  /** Kills it and starts it again on the same port, empty. */
  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}
