import type { Problem } from '@imkit/sdk';
import { contractCheckingFetch } from './contractCheck.js';

/** What {@link rawRequest} got back. */
export interface RawAnswer {
  status: number;
  /** The parsed JSON body (a `Problem` for failures), undefined when empty. */
  body: (Problem & Record<string, unknown>) | undefined;
  /** Size of the body in bytes. */
  bytes: number;
}

/**
 * Sends a request the SDK's types (rightly) forbid, such as `limit=abc` or a tombstone, through
 * the contract-checking fetch, so the answer must still match the spec.
 * @param body a value to send as JSON, or a string sent as it is.
 */
export async function rawRequest(
  url: string,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await contractCheckingFetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    bytes: Buffer.byteLength(text),
  };
}

/** The pointers of a problem's field errors. */
export function pointers(answer: RawAnswer): string[] {
  return ((answer.body?.errors ?? []) as { pointer: string }[]).map((error) => error.pointer);
}
