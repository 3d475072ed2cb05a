import type { Problem } from './generated/openapi.js';
import { ImkitError } from './ImkitError.js';

/** True when `body` looks like an RFC 9457 problem with the spec's required `code`. */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { code, title } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof title === 'string';
}

/** Maps a problem (from an HTTP body or a realtime `error` frame) to an {@link ImkitError}. */
export function errorFromProblem(problem: Problem, operationId?: string): ImkitError {
  return new ImkitError({ status: problem.status, code: problem.code, problem, operationId });
}

/**
 * Maps a non-2xx HTTP answer to an {@link ImkitError}. `body` is the parsed JSON (or text) of
 * the response; a body that is not a problem becomes `response.unexpected`.
 */
export function errorFromResponse(
  body: unknown,
  response: Response,
  operationId?: string,
): ImkitError {
  if (isProblem(body)) {
    const problem = { ...body, status: body.status ?? response.status };
    return new ImkitError({ status: response.status, code: problem.code, problem, operationId });
  }
  const message = `HTTP ${response.status} ${response.statusText}`.trim();
  return new ImkitError({
    status: response.status,
    code: 'response.unexpected',
    message,
    operationId,
  });
}

/** Wraps a failure to get any response (`fetch` rejected) as `network.failed`, status 0. */
export function networkError(cause: unknown, operationId?: string): ImkitError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ImkitError({
    status: 0,
    code: 'network.failed',
    message: `Network request failed: ${reason}`,
    operationId,
    cause,
  });
}
