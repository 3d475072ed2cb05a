import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The end-to-end suite on PostgreSQL + Redis (`npm run test:postgres` sets
 * `IMKIT_TEST_BACKEND=postgres`): every `test/**\/*.test.ts` of `npm test`, each test server on
 * a database of its own, plus the `*.postgres.ts` tests of several servers sharing one store.
 */
export default defineConfig({
  // Tests run against the source, so they need no build (server processes still run dist/).
  resolve: {
    alias: {
      '@imkit/reference-server': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.postgres.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
