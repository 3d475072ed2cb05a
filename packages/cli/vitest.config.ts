import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Human output shows local times; pin the zone so expected lines are stable.
    env: { TZ: 'UTC' },
  },
});
