import type { SpecOperation } from './listOperations.js';
import { resolveRef } from './resolveRef.js';
import type { OpenApiDocument } from './specPath.js';

/** The answer a mock gives to an operation: its first 2xx response and that response's example. */
export interface SuccessExample {
  status: number;
  /** Null for responses without a body (204). */
  contentType: string | null;
  body: unknown;
}

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: unknown;
}

/** The example of a media type: `example`, else the first of `examples`, else the schema's. */
export function mediaExample(spec: OpenApiDocument, media: MediaType): unknown {
  if (media.example !== undefined) return media.example;
  const named = Object.values(media.examples ?? {})[0];
  if (named) return resolveRef<{ value?: unknown }>(spec, named).value;
  const schema = resolveRef<{ example?: unknown; examples?: unknown[] }>(spec, media.schema);
  return schema?.example ?? schema?.examples?.[0];
}

/**
 * Picks the lowest 2xx response of an operation and its first example.
 * Returns null when the operation has no 2xx response (the realtime upgrade).
 */
export function successExample(spec: OpenApiDocument, op: SpecOperation): SuccessExample | null {
  const responses = (op.operation.responses ?? {}) as Record<string, unknown>;
  const status = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort()[0];
  if (!status) return null;
  const response = resolveRef<{ content?: Record<string, MediaType> }>(spec, responses[status]);
  const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [null, null];
  if (!contentType || !media) return { status: Number(status), contentType: null, body: null };
  return { status: Number(status), contentType, body: mediaExample(spec, media) };
}
