import type { HttpHandler } from 'msw';
import { mockHandlersFromSpec } from './mockHandlersFromSpec.js';
import { loadSpec, type OpenApiDocument } from './specPath.js';

/** Options of {@link createMockHandlers}. */
export interface MockHandlerOptions {
  /** The spec to mock. Default: the bundled `@imkit/openapi` spec. */
  spec?: OpenApiDocument;
}

/**
 * MSW request handlers for every operation of the spec, each answering with its first
 * 2xx response and that response's example. Use them with `setupServer` (Node) or
 * `setupWorker` (browser) to test a client without a server; {@link mockOperation} overrides one.
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
  return mockHandlersFromSpec(options.spec ?? loadSpec(), baseUrl);
}
