import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { ApiError } from './ApiError.js';
import { problemDetails } from './problemDetails.js';

interface HttpLikeError {
  status?: number;
  type?: string;
  code?: string;
  expose?: boolean;
}

/** Socket errors that mean the client went away; nothing to fix on our side. */
const CLIENT_GONE = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Whether the client closed the connection while sending its body (raw-body, Node's `aborted`). */
function isAbortedBody(error: HttpLikeError): boolean {
  return error.type === 'request.aborted' || CLIENT_GONE.has(error.code ?? '');
}

/** Maps errors thrown by the body parser (http-errors) onto the catalogue. */
function fromHttpError(error: HttpLikeError): ApiError | undefined {
  if (error.status === 413 || error.type === 'entity.too.large') {
    return new ApiError(413, 'request.malformed', 'The request body is too large.');
  }
  if (error.status === 415) {
    return new ApiError(415, 'request.malformed', 'Send the body as application/json.');
  }
  if (error.status === 400) {
    return new ApiError(400, 'request.malformed', 'The body is not valid JSON.');
  }
  return undefined;
}

/**
 * Catches everything thrown below it and answers with `application/problem+json`.
 * Unknown errors become a 500 `internal` problem and are logged; nothing internal leaks.
 */
export function problemMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      let error = caught instanceof ApiError ? caught : fromHttpError(caught as HttpLikeError);
      if (!(caught instanceof ApiError) && isAbortedBody(caught as HttpLikeError)) {
        logger.info({ method: ctx.method, path: ctx.path }, 'request aborted by the client');
        error = new ApiError(400, 'request.malformed', 'The request body was cut off.');
      }
      if (!error) {
        logger.error({ err: caught, path: ctx.path }, 'unhandled error');
        error = new ApiError(500, 'internal', 'Something went wrong on our side; try again.');
      }
      ctx.status = error.status;
      ctx.type = 'application/problem+json';
      ctx.body = problemDetails(error, ctx.path);
      if (error.options.retryAfterSeconds !== undefined) {
        ctx.set('Retry-After', String(error.options.retryAfterSeconds));
      }
    }
  };
}

/**
 * Listener for Koa's `error` event (errors after the answer was handed over, e.g. writing to a
 * socket the client reset): a client that went away is one debug line, anything else an error
 * with its stack. Replaces Koa's default, which prints stacks to stderr.
 */
export function logAppError(logger: Logger): (error: unknown) => void {
  return (error) => {
    const { code } = error as HttpLikeError;
    if (CLIENT_GONE.has(code ?? '')) logger.debug({ code }, 'client connection closed early');
    else logger.error({ err: error }, 'error after the response');
  };
}
