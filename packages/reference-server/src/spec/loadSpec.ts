import fs from 'node:fs';
import { createRequire } from 'node:module';

/** The parts of the bundled OpenAPI document the server reads. */
export interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

let cached: OpenApiDocument | undefined;

/** Reads the bundled contract (`@imkit/openapi/openapi.json`) once per process. */
export function loadSpec(): OpenApiDocument {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve('@imkit/openapi/openapi.json');
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as OpenApiDocument;
  }
  return cached;
}
