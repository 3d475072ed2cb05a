// Validates values against schemas of the bundled spec (JSON Schema 2020-12, as OpenAPI 3.1 uses).
// Shared by the contract's own tests and by the packages that check answers against the spec.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SPEC_ID = 'https://imkit.dev/openapi.json';

/**
 * Escapes one JSON-pointer token and makes it safe in a URI fragment.
 * @param {string | number} token
 * @returns {string}
 */
export function pointerToken(token) {
  return encodeURIComponent(String(token).replaceAll('~', '~0').replaceAll('/', '~1'));
}

/**
 * Loads the whole bundled spec into ajv, so that a schema anywhere in it can be used by JSON
 * pointer with its `#/components/...` references intact.
 * @param {object} spec The bundled spec (`@imkit/openapi/openapi.json`).
 * @returns {(pointer: string, value: unknown) => string[]} Validates `value` against the schema at
 *   `pointer` (e.g. `/components/schemas/Message`); returns one text per error, none when valid.
 */
export function createSchemaValidator(spec) {
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
