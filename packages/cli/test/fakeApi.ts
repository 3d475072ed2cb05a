/** One request the fake server received. */
export interface RecordedRequest {
  /** `http://host:port` the request went to. */
  origin: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
}

/** What a route answers: status and JSON body (omitted for 204). */
export type FakeAnswer = [status: number, body?: unknown];
export type FakeHandler = (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

/** A problem-details body as the spec defines it. */
export function problem(status: number, code: string, detail: string, errors?: unknown[]) {
  return {
    type: `https://imkit.dev/problems/${code}`,
    title: code,
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

/**
 * A `fetch` that answers like the imkit server for the routes a test registers (`'GET /me'`,
 * `'POST /conversations/:id/messages'`; the latest registration wins) and records every request.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  readonly #routes: { method: string; pattern: RegExp; handler: FakeHandler }[] = [];

  on(route: string, handler: FakeHandler | FakeAnswer): this {
    const [method = '', path = ''] = route.split(' ');
    const pattern = new RegExp(`^${path.replace(/:[a-z_]+/g, '[^/]+')}$`);
    this.#routes.push({
      method,
      pattern,
      handler: typeof handler === 'function' ? handler : () => handler,
    });
    return this;
  }

  /** Requests to `route` (`'POST /friend-requests'`). */
  sent(route: string): RecordedRequest[] {
    const [method, path] = route.split(' ');
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const recorded: RecordedRequest = {
      origin: url.origin,
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      authorization: request.headers.get('authorization'),
    };
    this.requests.push(recorded);
    const route = this.#routes.findLast(
      (r) => r.method === recorded.method && r.pattern.test(recorded.path),
    );
    const [status, body] = route
      ? await route.handler(recorded)
      : [404, problem(404, 'route.not_found', `No route ${recorded.method} ${recorded.path}`)];
    if (body === undefined) return new Response(null, { status });
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  };
}
