// Prints the min+gzip size of the browser entry (src/browser.ts, everything it pulls in,
// openapi-fetch included) next to openapi-fetch alone, and the ratio; with --json, as JSON.
// Run from packages/sdk: node scripts/bundle-size.mjs. Uses esbuild (installed with tsup).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = new URL('..', import.meta.url).pathname;

/** Bundles `contents` for browsers, minified; resolves the minified and gzipped byte counts. */
export async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

/** The SDK's browser entry and openapi-fetch alone, both measured the same way. */
export async function measure() {
  const sdk = await bundleSize(`export * from './src/browser.ts';`);
  const openapiFetch = await bundleSize(
    `export { default } from 'openapi-fetch'; export * from 'openapi-fetch';`,
  );
  return { sdk, openapiFetch, ratio: sdk.gzipped / openapiFetch.gzipped };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const figures = await measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else {
    const row = (name, { minified, gzipped }) =>
      `${name.padEnd(22)} ${minified} B min, ${gzipped} B min+gzip`;
    console.log(row('@imkit/sdk (browser)', figures.sdk));
    console.log(row('openapi-fetch alone', figures.openapiFetch));
    console.log(`ratio (min+gzip): ${figures.ratio.toFixed(2)}x`);
  }
}
