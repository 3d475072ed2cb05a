import type { SpecOperation } from '../src/listOperations.js';
import { resolveRef } from '../src/resolveRef.js';
import type { OpenApiDocument } from '../src/specPath.js';
import { mediaExample } from '../src/successExample.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
}

/** An SDK call input built from the spec's examples: path and required query parameters, and the body. */
export interface ExampleInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  /** The body's media type, when there is one. */
  contentType?: string;
}

function parameterValues(params: Parameter[], place: string): Record<string, unknown> | undefined {
  const chosen = params.filter((p) => p.in === place && (place === 'path' || p.required));
  if (chosen.length === 0) return undefined;
  return Object.fromEntries(chosen.map((p) => [p.name, p.example]));
}

/** The example input of an operation, as the SDK takes it. */
export function exampleInput(spec: OpenApiDocument, op: SpecOperation): ExampleInput {
  const params = [...op.pathParameters, ...((op.operation.parameters as unknown[]) ?? [])].map(
    (p) => resolveRef<Parameter>(spec, p),
  );
  const input: ExampleInput = {
    path: parameterValues(params, 'path'),
    query: parameterValues(params, 'query'),
  };
  const requestBody = resolveRef<{ content?: Record<string, object> }>(
    spec,
    op.operation.requestBody,
  );
  const [contentType, media] = Object.entries(requestBody?.content ?? {})[0] ?? [];
  if (contentType && media) {
    input.contentType = contentType;
    input.body = mediaExample(spec, media);
  }
  return input;
}
