export {
  answerOperation,
  type MockAnswer,
  type PlainAnswer,
  type ProblemAnswer,
} from './answerOperation.js';
export { createMockHandlers, type MockHandlerOptions } from './createMockHandlers.js';
export { freePort } from './freePort.js';
export { type HttpMethod, listOperations, type SpecOperation } from './listOperations.js';
export { mockHandlersFromSpec } from './mockHandlersFromSpec.js';
export { type MockOperationOptions, mockOperation } from './mockOperation.js';
export { loadSpec, type OpenApiDocument, specPath } from './specPath.js';
export {
  type PrismMock,
  type PrismMockOptions,
  prismBin,
  startPrismMock,
} from './startPrismMock.js';
export { startTestServer, type TestServer, type TestServerOptions } from './startTestServer.js';
export { mediaExample, type SuccessExample, successExample } from './successExample.js';
