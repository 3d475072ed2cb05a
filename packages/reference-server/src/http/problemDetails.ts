import type { components } from '../spec/openapiTypes.js';
import type { ApiError } from './ApiError.js';
import { limitFieldErrors } from './limitFieldErrors.js';
import { problemTitles } from './problemTitles.js';

/** RFC 9457 problem details body (`Problem` in the spec). */
export type Problem = components['schemas']['Problem'];

/**
 * Whether repeating the same request later may succeed: rate limits and server faults, but
 * not 501 `operation.not_implemented`, which stays unimplemented until the server is upgraded.
 */
function isRetryable(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/**
 * Renders an {@link ApiError} as the spec's `Problem` body for the given request path.
 * Field errors are cut to the first 10, with `errors_total` telling how many there were.
 */
export function problemDetails(error: ApiError, instance?: string): Problem {
  const problem: Problem = {
    type: `https://imkit.dev/problems/${error.code}`,
    title: problemTitles[error.code] ?? error.code,
    status: error.status,
    detail: error.detail,
    code: error.code,
    retryable: isRetryable(error.status),
  };
  if (instance !== undefined) problem.instance = instance.slice(0, 2000);
  if (error.options.errors?.length) {
    const { errors, total } = limitFieldErrors(error.options.errors);
    problem.errors = errors;
    if (total !== undefined) problem.errors_total = total;
  }
  return problem;
}
