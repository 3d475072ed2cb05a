// A second reference row: a Koa app answering every request with a small JSON hello.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { serve } from './serve.js';

await serve(async () => {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { hello: 'world' };
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
});
