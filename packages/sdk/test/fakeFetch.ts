import type { AuthSession, ErrorCode, Problem } from '../src/generated/openapi.js';

/** One request the fake server received. */
export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  body: unknown;
}

export type FakeHandler = (call: RecordedCall) => Response | Promise<Response>;

/** A `fetch` that answers with `handler` and records every request it gets. */
export function createFakeFetch(handler: FakeHandler) {
  const calls: RecordedCall[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const url = new URL(request.url);
    const text = await request.text();
    const call: RecordedCall = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.get('authorization'),
      // JSON bodies parsed; others (a multipart upload) kept as text.
      body:
        text && request.headers.get('content-type')?.includes('json')
          ? JSON.parse(text)
          : text || undefined,
    };
    calls.push(call);
    return handler(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function problem(status: number, code: ErrorCode, extra: Partial<Problem> = {}): Response {
  const body: Problem = {
    type: `https://imkit.dev/problems/${code}`,
    title: code,
    status,
    code,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** An `AuthSession` whose tokens are numbered, so tests can tell generations apart. */
export function session(generation: number, expiresIn = 900): AuthSession {
  return {
    token_type: 'Bearer',
    access_token: `access-${generation}`,
    expires_in: expiresIn,
    refresh_token: `refresh-${generation}`,
    refresh_expires_in: 2_592_000,
    user: {
      id: 'user-1',
      username: 'alice',
      nickname: null,
      avatar_url: null,
      email: null,
      created_at: '2026-11-21T09:30:00.000Z',
    },
  };
}

/** Stored tokens of the given generation, valid for 15 minutes. */
export function storedTokens(generation: number) {
  return {
    access_token: `access-${generation}`,
    refresh_token: `refresh-${generation}`,
    access_expires_at: Date.now() + 900_000,
    user_id: 'user-1',
  };
}
