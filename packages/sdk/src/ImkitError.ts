import type { ErrorCode, FieldError, Problem } from './generated/openapi.js';

/**
 * Codes the SDK produces itself, never sent by a server:
 * - `network.failed`: no HTTP response or socket (DNS, refused, reset, socket closed before `hello`). `status` 0, retryable.
 * - `response.unexpected`: a non-2xx answer whose body is not RFC 9457 problem JSON (a proxy's HTML page).
 * - `realtime.closed`: `RealtimeClient.close()` was called while `connect()` was pending.
 * - `realtime.listener_failed`: a realtime listener threw; the error is its `cause`.
 */
export type ClientErrorCode =
  | 'network.failed'
  | 'response.unexpected'
  | 'realtime.closed'
  | 'realtime.listener_failed';

/**
 * A machine code: one of the spec's `ErrorCode` catalogue, one of {@link ClientErrorCode}, or a
 * code added to the spec after this SDK was built (codes may be added, never change meaning).
 */
export type ImkitErrorCode = ErrorCode | ClientErrorCode | (string & {});

/** Fields of {@link ImkitError}; `message` defaults to `problem.detail ?? problem.title`. */
export interface ImkitErrorInit {
  status: number;
  code: ImkitErrorCode;
  message?: string;
  problem?: Problem;
  retryable?: boolean;
  operationId?: string;
  cause?: unknown;
}

/**
 * The one error type the SDK throws: a failed HTTP operation (any non-2xx, mapped from the
 * RFC 9457 problem body), a network failure (`status` 0, `code` `network.failed`) or a realtime
 * failure. Branch on `code`, never on `message`. Every code is listed in the spec's `ErrorCode`
 * schema and in {@link ClientErrorCode}.
 */
export class ImkitError extends Error {
  override readonly name = 'ImkitError';
  /** HTTP status code; 0 when no response arrived. */
  readonly status: number;
  /** Stable machine code, e.g. `friend_request.already_pending` or `network.failed`. */
  readonly code: ImkitErrorCode;
  /** The problem-details body as the server sent it, when there was one. */
  readonly problem?: Problem;
  /** The invalid fields (`validation.failed`), each with its JSON pointer; empty when none. */
  readonly errors: FieldError[];
  /** True when repeating the same request later may succeed (rate limits, 5xx, network). */
  readonly retryable: boolean;
  /** The spec operation that failed (`sendMessage`), when the error came from one. */
  readonly operationId?: string;

  constructor(init: ImkitErrorInit) {
    const message = init.message ?? init.problem?.detail ?? init.problem?.title ?? init.code;
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.problem = init.problem;
    this.errors = init.problem?.errors ?? [];
    this.retryable = init.retryable ?? init.problem?.retryable ?? isRetryableStatus(init.status);
    this.operationId = init.operationId;
  }
}

/** Rate limits, server faults and network failures (status 0) are worth retrying. */
function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * True when `error` is an {@link ImkitError}, and (when `code` is given) has that code.
 * @example if (isImkitError(e, 'friend_request.already_pending')) { ... }
 */
export function isImkitError(error: unknown, code?: ImkitErrorCode): error is ImkitError {
  return error instanceof ImkitError && (code === undefined || error.code === code);
}
