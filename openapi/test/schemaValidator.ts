import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Bundle } from './loadBundle.js';

/** Validates a value against the schema at a JSON pointer of the bundle; returns ajv's error texts. */
export type ValidateAt = (pointer: string, value: unknown) => string[];

const SPEC_ID = 'https://imkit.dev/openapi.json';

/** Escapes one JSON-pointer token and makes it safe in a URI fragment. */
export function pointerToken(token: string | number): string {
  return encodeURIComponent(String(token).replaceAll('~', '~0').replaceAll('/', '~1'));
}

/**
 * Loads the whole bundle into ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) so that a schema anywhere
 * in it can be used by pointer, with its `#/components/...` references intact.
 */
export function createSchemaValidator(spec: Bundle): ValidateAt {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addFormat('password', true);
  ajv.addFormat('binary', true);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  return (pointer, value) => {
    const validate = ajv.getSchema(`${SPEC_ID}#${pointer}`);
    if (!validate) return [`no schema at ${pointer}`];
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };
}
