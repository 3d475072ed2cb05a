import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const mainJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

/** The reference server as a separate OS process (`node dist/main.js`), as `npm start` runs it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/**
 * Starts the built server on a free port with the given data folder; resolves once it listens.
 * @param env more environment variables, e.g. a test store's `env` (PostgreSQL and Redis).
 */
export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      IMKIT_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // As in startTestServer: bursts of test traffic stay under the spec's limits times 100.
      IMKIT_RATE_LIMIT_SCALE: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"([^"]+)"/.exec(buffered);
      if (match) resolve({ url: match[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}
