// Baseline for the realtime figures: raw node:http + ws. `POST /relay` sends its body, as is,
// as one text frame to every open socket, then answers 200: the same transport as imkit's
// send-over-HTTP, deliver-over-WebSocket, with nothing in between.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { serve } from './serve.js';

await serve(async () => {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const frame = Buffer.concat(chunks).toString();
      for (const socket of wss.clients) socket.send(frame);
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 });
      response.end('{}');
    });
  });
  server.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
});
