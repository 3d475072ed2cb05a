import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web chat (./web-chat) is a workspace of its own, with its own browser tests.
  test: { include: ['test/**/*.test.ts'] },
});
