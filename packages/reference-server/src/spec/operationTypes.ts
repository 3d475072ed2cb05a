import type { components, operations } from './openapiTypes.js';

/** Every operationId in the contract. */
export type OperationId = keyof operations;

type Op<K extends OperationId> = operations[K];

/** The JSON request body of operation K (`undefined` when it has none). */
export type OperationBody<K extends OperationId> =
  Op<K> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : undefined;

type ParamsOf<K extends OperationId, Where extends string> =
  Op<K> extends {
    parameters: { [P in Where]?: infer Q };
  }
    ? Q extends undefined
      ? Record<string, never>
      : NonNullable<Q>
    : Record<string, never>;

/** Validated, coerced path parameters of operation K. */
export type OperationPath<K extends OperationId> = ParamsOf<K, 'path'>;
/** Validated, coerced query parameters of operation K (defaults applied). */
export type OperationQuery<K extends OperationId> = ParamsOf<K, 'query'>;

/** A named component schema of the contract. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
