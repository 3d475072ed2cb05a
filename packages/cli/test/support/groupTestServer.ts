// The reference server shared by the tests of one end-to-end test file.
import { afterAll, beforeAll } from 'vitest';
import { groupOfThree, startTestServer, type TestServer } from './realServer.js';

/** The reference server of one test file, started before its tests and closed after them. */
export interface FileTestServer {
  /** The server's base URL. Throws when read before the file's `beforeAll` started the server. */
  readonly url: string;
  /** {@link groupOfThree} on this server: three friends `<prefix>_ann/_ben/_cat`, ann owning `name`. */
  groupOfThree(prefix: string, name: string): ReturnType<typeof groupOfThree>;
}

/**
 * Registers a `beforeAll` that starts the reference server (on the backend the test run chose,
 * see `startTestServer`) and an `afterAll` that closes it. Call it once at a test file's top level.
 */
export function groupTestServer(): FileTestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  const url = () => {
    if (!server) throw new Error('the test server starts in beforeAll; read its url inside a test');
    return server.url;
  };
  return {
    get url() {
      return url();
    },
    groupOfThree: (prefix, name) => groupOfThree(url(), prefix, name),
  };
}
