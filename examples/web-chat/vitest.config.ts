import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Chromium starts, Vite builds: slower than a unit test, bounded all the same.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
