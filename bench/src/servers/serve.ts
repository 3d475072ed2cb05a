/** What a server child counts about the HTTP requests it served (see {@link Served.requests}). */
export interface RequestCounts {
  /** Requests received whose answer has not been sent yet. */
  inFlight: number;
  /** Answers sent so far, by status code. */
  statuses: Record<string, number>;
}

/** What a server child runs: something listening, and how to close it. */
export interface Served {
  url: string;
  close(): Promise<void>;
  /** Its request counts, for servers that keep them. */
  requests?(): RequestCounts;
}

/**
 * The child side of `startChild`: starts the server, reports its URL over IPC, and answers
 * `cpu` (microseconds used so far), `heap` (bytes after gc), `requests` (its
 * {@link RequestCounts}) and `close`.
 */
export async function serve(start: () => Promise<Served>): Promise<void> {
  const served = await start();
  const send = (message: unknown) => process.send?.(message);
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', value: user + system });
    } else if (message.type === 'heap') {
      for (let i = 0; i < 3; i += 1) (globalThis as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setImmediate(resolve));
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'heap', value: process.memoryUsage().heapUsed });
    } else if (message.type === 'requests') {
      send({ type: 'requests', value: served.requests?.() ?? { inFlight: 0, statuses: {} } });
    } else if (message.type === 'close') {
      await served.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: served.url });
}
