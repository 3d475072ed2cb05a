import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from '@imkit/reference-server';

/** A real reference server on a free loopback port with its own temporary SQLite database. */
export interface ExampleServer {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  /** Stops the server and deletes its data folder. */
  close(): Promise<void>;
}

/** Starts the server an example runs against; call `close()` in `afterAll`. */
export async function startExampleServer(): Promise<ExampleServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-example-'));
  const server = await createServer({
    dataDir,
    databaseFile: path.join(dataDir, 'db.sqlite'),
    logLevel: 'silent',
  });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
