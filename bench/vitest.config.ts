import { defineConfig } from 'vitest/config';

/** Only the harness's own unit tests: the benchmarks themselves never run under `npm test`. */
export default defineConfig({
  test: { include: ['src/harness/**/*.test.ts'] },
});
