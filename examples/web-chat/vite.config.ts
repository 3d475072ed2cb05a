import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import { proxyTo } from './proxy.js';

/** The imkit server the dev server proxies to (`IMKIT_SERVER`). Default: a local `npm start`. */
const server = process.env.IMKIT_SERVER ?? 'http://localhost:8080';

const WORKER_FILE = 'mockServiceWorker.js';

/**
 * Serves and emits MSW's service worker (for `?mock`) from the installed `msw`, so the file
 * always matches the library version and is never copied into the repository.
 */
function mswWorker(): Plugin {
  const source = () =>
    readFileSync(createRequire(import.meta.url).resolve(`msw/${WORKER_FILE}`), 'utf8');
  return {
    name: 'imkit-msw-worker',
    configureServer(dev) {
      dev.middlewares.use(`/${WORKER_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORKER_FILE, source: source() });
    },
  };
}

export default defineConfig({
  plugins: [mswWorker()],
  server: { proxy: proxyTo(server) },
  preview: { proxy: proxyTo(server) },
  build: { target: 'es2022' },
});
