import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './loadSpec.js';

/** The id under which the whole spec is registered, for `$ref`s into it. */
export const SPEC_ID = 'imkit-openapi.json';

/** An ajv (JSON Schema 2020-12) instance. */
export type SpecAjv = ReturnType<typeof specAjv>;

/**
 * The spec without discriminator `mapping`s: ajv's `discriminator` option refuses them, and each
 * branch of our unions names its `type` with `const`, which is all ajv needs.
 */
function withoutMappings(spec: OpenApiDocument): OpenApiDocument {
  return JSON.parse(JSON.stringify(spec), (key, value) =>
    key === 'discriminator' && value && typeof value === 'object'
      ? { propertyName: (value as { propertyName: string }).propertyName }
      : value,
  ) as OpenApiDocument;
}

/** `x-max-bytes`: the UTF-8 JSON of the value is at most this many bytes. */
function maxBytes(max: number, data: unknown): boolean {
  return Buffer.byteLength(JSON.stringify(data) ?? '') <= max;
}

/**
 * An ajv instance that knows the whole spec and validates inputs the way the contract says:
 * - `discriminator` picks the one branch named by the tag, so errors come from that branch only;
 * - `readOnly` properties are refused (the server writes them, a client may not);
 * - `x-max-bytes` bounds the UTF-8 JSON size of a value.
 * Errors are verbose (they carry their schema), so vendor extensions such as `x-problem-code`
 * can be read from them.
 */
export function specAjv(spec: OpenApiDocument) {
  const ajv = addFormats.default(
    new Ajv2020.default({
      strict: false,
      allErrors: true,
      useDefaults: true,
      discriminator: true,
      verbose: true,
    }),
  );
  ajv.removeKeyword('readOnly');
  ajv.addKeyword({
    keyword: 'readOnly',
    schemaType: 'boolean',
    validate: (readOnly: boolean) => !readOnly,
    errors: false,
    error: { message: 'is read-only: the server sets it' },
  });
  ajv.addKeyword({
    keyword: 'x-max-bytes',
    schemaType: 'number',
    validate: maxBytes,
    errors: false,
    error: { message: 'is larger than its byte limit (x-max-bytes)' },
  });
  ajv.addSchema(withoutMappings(spec), SPEC_ID);
  return ajv;
}

/** Points local `#/...` references at the registered spec document. */
export function rebase(schema: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`),
  ) as Record<string, unknown>;
}
