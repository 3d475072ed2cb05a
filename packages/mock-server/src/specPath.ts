import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** An OpenAPI document as parsed JSON; only the parts the mocks read are typed. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Absolute path of the bundled spec, `@imkit/openapi/openapi.json` (run its build first). */
export function specPath(): string {
  return require.resolve('@imkit/openapi/openapi.json');
}

/**
 * Reads and parses the bundled spec.
 * @param path Where the spec is. Default: {@link specPath}.
 */
export function loadSpec(path: string = specPath()): OpenApiDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}
