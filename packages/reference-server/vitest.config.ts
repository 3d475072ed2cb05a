import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** End-to-end tests start real servers on random ports with temporary databases. */
export default defineConfig({
  // Tests run against the source, so they need no build (server processes still run dist/).
  resolve: {
    alias: {
      '@imkit/reference-server': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
