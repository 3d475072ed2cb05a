import type { HttpHandler } from 'msw';
import { answerOperation, type MockAnswer } from './answerOperation.js';
import { loadSpec, type OpenApiDocument } from './specPath.js';

/** Options of {@link mockOperation}. */
export interface MockOperationOptions {
  /** The spec to read. Default: the bundled `@imkit/openapi` spec. */
  spec?: OpenApiDocument;
}

/**
 * One MSW handler that answers one operation of the spec the way a test needs, instead of its
 * documented example: put it in front of `createMockHandlers` with `server.use(...)`
 * (it applies until `server.resetHandlers()`).
 * @param baseUrl the same base URL the other handlers were built with.
 * @param operationId the spec's operation id, e.g. `sendMessage`.
 * @example
 * ```ts
 * server.use(mockOperation(baseUrl, 'sendMessage', { problem: 'message.blocked' }));
 * server.use(mockOperation(baseUrl, 'getMe', { status: 200, body: { ...me, nickname: 'X' } }));
 * ```
 * @throws Error when the spec has no such operation, the code is not an `ErrorCode`, or the
 *   operation documents no response for that code or status (so mocks stay within the contract).
 */
export function mockOperation(
  baseUrl: string,
  operationId: string,
  answer: MockAnswer,
  options: MockOperationOptions = {},
): HttpHandler {
  return answerOperation(options.spec ?? loadSpec(), baseUrl, operationId, answer);
}
