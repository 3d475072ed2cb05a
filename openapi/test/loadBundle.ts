import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bundled spec as JSON; `npm run build` writes it. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is walked dynamically.
export type Bundle = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** One operation of the bundle with its method and path. */
export interface BundleOperation {
  operationId: string;
  method: (typeof METHODS)[number];
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: see Bundle.
  operation: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: see Bundle.
  parameters: Record<string, any>[];
}

export function loadBundle(): Bundle {
  const url = new URL('../dist/openapi.json', import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Bundle;
}

/** Every operation, with path-level and operation-level parameters merged. */
export function bundleOperations(spec: Bundle): BundleOperation[] {
  return Object.entries(spec.paths as Bundle).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      operationId: item[method].operationId as string,
      method,
      path,
      operation: item[method],
      parameters: [...(item.parameters ?? []), ...(item[method].parameters ?? [])],
    })),
  );
}
