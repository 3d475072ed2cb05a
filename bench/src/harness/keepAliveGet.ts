import http from 'node:http';

/** A GET over one kept-alive connection that parses the JSON answer. */
export interface KeepAliveGet {
  /**
   * Fetches `url` and parses its body as JSON.
   * @throws Error when the status is not 200.
   */
  get(url: string, headers?: Record<string, string>): Promise<unknown>;
  /** Closes the kept-alive socket. */
  close(): void;
}

/**
 * A lean HTTP client for latency figures: `node:http` with a keep-alive agent costs about
 * 0.15 ms less per request than `fetch` here, so less of the figure is the client's own work.
 */
export function keepAliveGet(): KeepAliveGet {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get: (url, headers = {}) =>
      new Promise((resolve, reject) => {
        http
          .get(url, { agent, headers }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              body += chunk;
            });
            res.on('end', () => {
              if (res.statusCode !== 200)
                reject(new Error(`GET ${url}: ${res.statusCode} ${body}`));
              else resolve(JSON.parse(body));
            });
          })
          .on('error', reject);
      }),
    close: () => agent.destroy(),
  };
}
