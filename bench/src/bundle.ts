/**
 * SDK browser bundle: esbuild bundles the SDK's browser entry (`@imkit/sdk` with the `browser`
 * condition, every export kept) minified for browsers, gzip level 9; baseline: openapi-fetch alone
 * bundled the same way. Sizes are deterministic, so one round.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { row } from './harness/rounds.js';
import type { Row } from './harness/table.js';

/** min+gzip size in kB (1000 bytes) of a module that re-exports `contents`. */
async function bundleSize(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return gzipSync(code, { level: 9 }).length / 1000;
}

async function run(): Promise<Row[]> {
  const sdk = await bundleSize("export * from '@imkit/sdk';");
  const openapiFetch = await bundleSize("export { default } from 'openapi-fetch';");
  return [
    row('SDK browser bundle, min+gzip', 'kB', 'openapi-fetch alone', [sdk], [openapiFetch], {
      atMost: 2,
    }),
  ];
}

/** The bundle size benchmark. */
export const bundle: Benchmark = { name: 'bundle', run };

if (isMain(import.meta.url)) await runAlone(bundle);
