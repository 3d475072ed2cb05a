#!/usr/bin/env node
// The `imkit` command npm links at install time. It is committed (dist/ is not), so the link
// exists on a fresh clone; the built CLI in dist/ does the work once `npm run build` ran.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write(
    'error: imkit is not built yet: run `npm run build` in the repository root first\n',
  );
  process.exitCode = 1;
}
