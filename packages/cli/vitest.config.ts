import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The end-to-end tests (test/*.e2e.test.ts) start the reference server from its source, as
  // its own tests do: no build of the server needed, and no race on its dist/.
  resolve: {
    alias: {
      '@imkit/reference-server': fileURLToPath(
        new URL('../reference-server/src/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Human output shows local times; pin the zone so expected lines are stable.
    env: { TZ: 'UTC' },
  },
});
