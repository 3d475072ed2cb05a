import { type HttpHandler, HttpResponse } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import { comparePaths } from './comparePaths.js';
import { listOperations, type SpecOperation } from './listOperations.js';
import type { OpenApiDocument } from './specPath.js';
import { successExample } from './successExample.js';

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
 * MSW request handlers for every operation of `spec`, each answering with its first 2xx
 * response and that response's example. Imports nothing from Node, so it runs in browsers
 * (`@imkit/mock-server/browser`, with the spec imported as JSON) as well as in Node.
 * @param spec the bundled OpenAPI document (`@imkit/openapi/openapi.json`).
 * @param baseUrl prepended to every path, e.g. `http://localhost:8080`.
 */
export function mockHandlersFromSpec(spec: OpenApiDocument, baseUrl: string): HttpHandler[] {
  // The spec's types are not known here (handlers are built from its JSON), so paths stay untyped.
  const http = createOpenApiHttp<Record<string, Record<string, unknown>>>({ baseUrl });
  return listOperations(spec)
    .filter((op) => op.method !== 'options' && op.method !== 'head')
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((op) => http[op.method as 'get'](op.path, respond(spec, op)));
}
