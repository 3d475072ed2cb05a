import { WebSocket } from 'ws';

/** Opens a WebSocket and resolves once it is open. */
export function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * Opens an imkit realtime socket, authenticates with `token`, and resolves at `hello`. Like
 * any client, it answers the server's heartbeat `ping` with `pong`: a socket silent for 2.4
 * heartbeat intervals (60 s) is closed, and benchmarks hold theirs longer than that.
 */
export async function openImkitSocket(baseUrl: string, token: string): Promise<WebSocket> {
  const ws = await openSocket(`${baseUrl}/realtime`);
  ws.on('message', (data: unknown) => {
    const frame = String(data);
    if (frame.length < 64 && frame.includes('"type":"ping"')) ws.send('{"type":"pong"}');
  });
  ws.send(JSON.stringify({ type: 'auth', access_token: token }));
  await new Promise<void>((resolve, reject) => {
    const onMessage = (data: unknown) => {
      if (!String(data).includes('"type":"hello"')) return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => reject(new Error(`realtime socket closed (${code}) before hello`)));
  });
  return ws;
}

/** Opens `count` sockets, `batch` at a time. */
export async function openMany(count: number, open: () => Promise<WebSocket>, batch = 50) {
  const sockets: WebSocket[] = [];
  while (sockets.length < count) {
    const n = Math.min(batch, count - sockets.length);
    sockets.push(...(await Promise.all(Array.from({ length: n }, open))));
  }
  return sockets;
}

/** Closes sockets and waits until each is closed. */
export async function closeAll(sockets: readonly WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.terminate();
        }),
    ),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
