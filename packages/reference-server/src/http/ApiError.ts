import type { components } from '../spec/openapiTypes.js';

/** A stable error code from the spec's `ErrorCode` catalogue. */
export type ErrorCode = components['schemas']['ErrorCode'];
/** One invalid field (`FieldError` in the spec). */
export type FieldError = components['schemas']['FieldError'];

/**
 * The one error type handlers throw. The problem middleware turns it into an RFC 9457
 * `application/problem+json` response with the same status and code.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, 400-599. */
    readonly status: number,
    /** Stable machine code from the spec's catalogue. */
    readonly code: ErrorCode,
    /** Human explanation of this occurrence. */
    readonly detail: string,
    readonly options: { errors?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(detail, { cause: options.cause });
  }
}
