import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ServerChild, startChild } from './child.js';

/**
 * Runs `use` with an imkit server (fresh temp data folder) and a raw `ws` server, each in its
 * own child process, and stops both and deletes the data whatever `use` does.
 * @param name names the temp folder (`imkit-bench-<name>-…`).
 */
export async function withImkitAndRawWs<T>(
  name: string,
  use: (imkit: ServerChild, raw: ServerChild) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `imkit-bench-${name}-`));
  const servers: ServerChild[] = [];
  try {
    servers.push(
      await startChild('imkit', { IMKIT_BENCH_DATA_DIR: dataDir }),
      await startChild('rawWs'),
    );
    return await use(servers[0] as ServerChild, servers[1] as ServerChild);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
