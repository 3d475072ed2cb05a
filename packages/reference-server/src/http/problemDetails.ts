import type { components } from '../spec/openapiTypes.js';
import type { ApiError } from './ApiError.js';
import { problemTitles } from './problemTitles.js';

/** RFC 9457 problem details body (`Problem` in the spec). */
export type Problem = components['schemas']['Problem'];

/** Renders an {@link ApiError} as the spec's `Problem` body for the given request path. */
export function problemDetails(error: ApiError, instance?: string): Problem {
  const problem: Problem = {
    type: `https://imkit.dev/problems/${error.code}`,
    title: problemTitles[error.code] ?? error.code,
    status: error.status,
    detail: error.detail,
    code: error.code,
    retryable: error.status === 429 || error.status >= 500,
  };
  if (instance !== undefined) problem.instance = instance.slice(0, 2000);
  if (error.options.errors?.length) problem.errors = error.options.errors;
  return problem;
}
