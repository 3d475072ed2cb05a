import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChildProcessLog } from './ChildProcessLog.js';

const mainJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

/** How long a server process may take to migrate and listen, in ms. */
const START_TIMEOUT_MS = 30_000;

/**
 * One reference-server process (`node dist/main.js`, as `npm start` runs it) on a port of its
 * own, configured only through environment variables, as an operator would run it.
 */
export class ImkitProcess {
  private constructor(
    readonly name: string,
    readonly port: number,
    readonly process: ChildProcessLog,
  ) {}

  /** Its own base URL, bypassing the load balancer. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Starts the built server and resolves once it listens.
   * @param env the `IMKIT_*` variables (PORT and HOST are set here); nothing else is inherited
   *   but PATH, so the run does not depend on the caller's environment.
   * @throws Error with its output when it exits or does not listen within 30 s.
   */
  static async start(
    name: string,
    port: number,
    env: Record<string, string>,
    logDir: string,
  ): Promise<ImkitProcess> {
    const child = new ChildProcessLog(name, process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST: '127.0.0.1' },
      logFile: path.join(logDir, `${name}.log`),
    });
    await child.waitForOutput(/"url":"http[^"]+"/, START_TIMEOUT_MS);
    return new ImkitProcess(name, port, child);
  }
}
