import { type HttpHandler, HttpResponse } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import { comparePaths } from './comparePaths.js';
import { listOperations, type SpecOperation } from './listOperations.js';
import { loadSpec, type OpenApiDocument } from './specPath.js';
import { successExample } from './successExample.js';

/** Options of {@link createMockHandlers}. */
export interface MockHandlerOptions {
  /** The spec to mock. Default: the bundled `@imkit/openapi` spec. */
  spec?: OpenApiDocument;
}

function respond(spec: OpenApiDocument, op: SpecOperation): () => Response {
  const example = successExample(spec, op);
  return () => {
    if (!example) return new HttpResponse(null, { status: 501 });
    if (!example.contentType) return new HttpResponse(null, { status: example.status });
    const body = example.contentType.includes('json')
      ? JSON.stringify(example.body)
      : String(example.body ?? '');
    return new HttpResponse(body, {
      status: example.status,
      headers: { 'Content-Type': example.contentType },
    });
  };
}

/**
 * MSW request handlers for every operation of the spec, each answering with its first
 * 2xx response and that response's example. Use them with `setupServer` (Node) or
 * `setupWorker` (browser) to test a client without a server.
 *
 * @param baseUrl Prepended to every path, e.g. `http://localhost:8080`.
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const server = setupServer(...createMockHandlers('http://localhost:8080'));
 * server.listen();
 * ```
 */
export function createMockHandlers(
  baseUrl: string,
  options: MockHandlerOptions = {},
): HttpHandler[] {
  const spec = options.spec ?? loadSpec();
  // The spec's types are not known here (handlers are built from its JSON), so paths stay untyped.
  const http = createOpenApiHttp<Record<string, Record<string, unknown>>>({ baseUrl });
  return listOperations(spec)
    .filter((op) => op.method !== 'options' && op.method !== 'head')
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((op) => http[op.method as 'get'](op.path, respond(spec, op)));
}
