import type { OpenApiDocument } from './specPath.js';

/** The HTTP methods an OpenAPI path item can hold. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An operation of the spec with where it lives. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/conversations/{conversation_id}`. */
  path: string;
  /** The operation object as it is in the spec. */
  operation: Record<string, unknown>;
  /** Path-level parameters, which apply to every operation of the path. */
  pathParameters: unknown[];
}

/** Lists every operation of the spec, in document order. */
export function listOperations(spec: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const pathParameters = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const operationId = String(operation.operationId ?? `${method} ${path}`);
      operations.push({ operationId, method, path, operation, pathParameters });
    }
  }
  return operations;
}
