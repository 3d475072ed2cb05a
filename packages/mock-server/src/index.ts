export { createMockHandlers, type MockHandlerOptions } from './createMockHandlers.js';
export { freePort } from './freePort.js';
export { type HttpMethod, listOperations, type SpecOperation } from './listOperations.js';
export {
  type MockAnswer,
  type MockOperationOptions,
  mockOperation,
  type PlainAnswer,
  type ProblemAnswer,
} from './mockOperation.js';
export { loadSpec, type OpenApiDocument, specPath } from './specPath.js';
export {
  type PrismMock,
  type PrismMockOptions,
  prismBin,
  startPrismMock,
} from './startPrismMock.js';
export { startTestServer, type TestServer, type TestServerOptions } from './startTestServer.js';
export { mediaExample, type SuccessExample, successExample } from './successExample.js';
