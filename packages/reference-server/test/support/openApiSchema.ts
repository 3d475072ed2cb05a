import fs from 'node:fs';
import { createRequire } from 'node:module';
import { createSchemaValidator } from '@imkit/openapi/schema-validator';

/**
 * Validates a value against a schema of the published OpenAPI document (`@imkit/openapi`),
 * e.g. `validateAt('/components/schemas/RealtimeServerFrame', frame)`.
 * @returns the validation errors, empty when the value conforms.
 */
export const validateAt = createSchemaValidator(
  JSON.parse(
    fs.readFileSync(createRequire(import.meta.url).resolve('@imkit/openapi/openapi.json'), 'utf8'),
  ),
);
