import { defineConfig } from 'tsup';

/** Two runtime entries (Node with `ws`, browsers with the global WebSocket) sharing one type surface. */
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', browser: 'src/browser.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: ['ws'],
});
