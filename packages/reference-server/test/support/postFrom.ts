import http from 'node:http';

/** The status, headers and parsed JSON body of one answer. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * POSTs JSON from a chosen local address (e.g. `127.0.0.2`, another loopback address on Linux),
 * so a test can be a second client without a proxy. `fetch` cannot bind a local address.
 */
export function postFrom(localAddress: string, url: string, body: unknown): Promise<RawAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: JSON.parse(text),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
