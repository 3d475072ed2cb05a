// Baseline of the mock figure: an HTTP server answering with the MSW handlers of
// @imkit/mock-server (msw's getResponse), on 127.0.0.1 and PORT. Plain JavaScript, so its start
// time is node's and the handlers', not a TypeScript loader's.
import http from 'node:http';
import { createMockHandlers } from '@imkit/mock-server';
import { getResponse } from 'msw';

const port = Number(process.env.PORT);
const base = `http://127.0.0.1:${port}`;
const handlers = createMockHandlers(base);

http
  .createServer(async (incoming, outgoing) => {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const body = ['GET', 'HEAD'].includes(incoming.method) ? undefined : Buffer.concat(chunks);
    const request = new Request(new URL(incoming.url, base), {
      method: incoming.method,
      headers: incoming.headers,
      body,
    });
    const response = (await getResponse(handlers, request)) ?? new Response(null, { status: 404 });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(port, '127.0.0.1');
