import { createImkitClient, type ImkitClient } from '@imkit/sdk';
import { contractCheckingFetch } from './contractCheck.js';

/** An SDK client (responses checked against the spec) that keeps the last response it saw. */
export interface RecordingClient {
  client: ImkitClient;
  /** The most recent HTTP response, for its headers. */
  last(): Response;
}

/**
 * Creates a {@link RecordingClient}.
 * @param headers extra request headers on every call (e.g. `X-Forwarded-For` behind a trusted proxy).
 */
export function recordingClient(
  url: string,
  headers: Record<string, string> = {},
): RecordingClient {
  let last: Response | undefined;
  const client = createImkitClient({
    baseUrl: url,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      last = await contractCheckingFetch(request);
      return last;
    },
  });
  return {
    client,
    last: () => {
      if (!last) throw new Error('no response yet');
      return last;
    },
  };
}
