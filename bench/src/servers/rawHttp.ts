// Baseline: raw node:http answering every request with a small JSON hello.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from './serve.js';

await serve(async () => {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = JSON.stringify({ hello: 'world' });
      response.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
});
