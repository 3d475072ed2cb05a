/**
 * Browser entry of @imkit/mock-server: the MSW handlers without anything from Node. Pass the
 * spec yourself (`import spec from '@imkit/openapi/openapi.json'`) and start them with
 * `setupWorker` from `msw/browser`.
 * @packageDocumentation
 */
export {
  answerOperation,
  type MockAnswer,
  type PlainAnswer,
  type ProblemAnswer,
} from './answerOperation.js';
export { mockHandlersFromSpec } from './mockHandlersFromSpec.js';
export type { OpenApiDocument } from './specPath.js';
