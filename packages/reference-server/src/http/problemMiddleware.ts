import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { ApiError } from './ApiError.js';
import { problemDetails } from './problemDetails.js';

interface HttpLikeError {
  status?: number;
  type?: string;
  expose?: boolean;
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
