import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long the unread rest of a refused upload is read and dropped before hanging up, in ms. */
export const LINGER_MS = 2000;

/**
 * After answering a request whose body was not read to the end (a refused upload), reads and
 * drops the rest for at most `LINGER_MS` and `maxBytes`, then closes the connection. Closing at
 * once would make the client's next write fail (EPIPE, RST) before it has read the answer, so
 * it would never see the 413 (RFC 9112 §9.6, "lingering close"). A client that stops sending
 * on seeing the answer costs nothing more; one that finishes its body in time keeps the
 * connection.
 * @param maxBytes the most bytes dropped before closing anyway.
 */
export function lingerThenClose(req: IncomingMessage, res: ServerResponse, maxBytes: number) {
  res.once('finish', () => {
    if (req.complete) return;
    const close = () => req.socket.destroy();
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > maxBytes) {
        clearTimeout(timer);
        close();
      }
    });
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.resume();
  });
}
