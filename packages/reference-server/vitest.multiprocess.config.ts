import { defineConfig } from 'vitest/config';

/**
 * The multi-process test (`npm run test:postgres`, after the PostgreSQL + Redis run of the
 * suite): three built server processes (`dist/main.js`) on one PostgreSQL database and a
 * redis-server of its own, behind nginx (deploy/nginx/imkit.conf). Needs PostgreSQL
 * (`IMKIT_TEST_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/postgres) and the
 * `redis-server` and `nginx` binaries; never part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/multiProcess/**/*.multiprocess.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
