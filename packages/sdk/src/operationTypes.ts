import type { operations } from './generated/openapi.js';
import type { operationRoutes } from './generated/operations.js';

/** The operationId of every HTTP operation in the spec (`sendMessage`, `listMessages`...). */
export type OperationId = keyof typeof operationRoutes & keyof operations;

type Operation<K extends OperationId> = operations[K];
type Params<K extends OperationId> = Operation<K>['parameters'];

/** Keys of `T` that are not optional. */
type RequiredKeys<T> = { [P in keyof T]-?: object extends Pick<T, P> ? never : P }[keyof T];

/** `{ key: T[key] }`, optional when the spec makes it optional, `never` when it has none. */
type Slot<T, Key extends keyof T & string> = [NonNullable<T[Key]>] extends [never]
  ? { [P in Key]?: never }
  : object extends Pick<T, Key>
    ? { [P in Key]?: T[Key] }
    : { [P in Key]: T[Key] };

/** The body an operation takes: its JSON schema's type, or `FormData` for a multipart upload. */
type JsonBody<O> = O extends { requestBody?: infer RequestBody }
  ? [NonNullable<RequestBody>] extends [never]
    ? never
    : NonNullable<RequestBody> extends { content: { 'application/json': infer B } }
      ? B
      : NonNullable<RequestBody> extends { content: { 'multipart/form-data': unknown } }
        ? FormData
        : never
  : never;

type BodySlot<O> = [JsonBody<O>] extends [never]
  ? { body?: never }
  : object extends Pick<O, 'requestBody' & keyof O>
    ? { body?: JsonBody<O> }
    : { body: JsonBody<O> };

/** Per-call options that every operation accepts. */
export interface CallOptions {
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Aborts the request; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The input of one operation: its `path` and `query` parameters and JSON `body`, each exactly
 * as the spec declares them (required when the spec requires them), plus {@link CallOptions}.
 */
export type OperationInput<K extends OperationId> = Slot<Params<K>, 'path'> &
  Slot<Params<K>, 'query'> &
  BodySlot<Operation<K>> &
  CallOptions;

/** The argument list of an operation method: the input is optional when nothing in it is required. */
export type OperationArgs<K extends OperationId> = [RequiredKeys<OperationInput<K>>] extends [never]
  ? [input?: OperationInput<K>]
  : [input: OperationInput<K>];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;

type ResponseBody<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** What an operation resolves with: the parsed 2xx JSON body, `undefined` for 204. */
export type OperationResult<K extends OperationId> = {
  [S in keyof Operation<K>['responses'] & SuccessStatus]: ResponseBody<
    Operation<K>['responses'][S]
  >;
}[keyof Operation<K>['responses'] & SuccessStatus];

/** One method per spec operation, named by its operationId. Each throws `ImkitError` on non-2xx. */
export type OperationMethods = {
  [K in OperationId]: (...args: OperationArgs<K>) => Promise<OperationResult<K>>;
};
