import { defineConfig } from 'vitest/config';

/** End-to-end tests start real servers on random ports with temporary databases. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
