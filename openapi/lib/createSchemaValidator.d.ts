/** Validates a value against the schema at a JSON pointer of the spec; returns one text per error. */
export type ValidateAt = (pointer: string, value: unknown) => string[];

/** Escapes one JSON-pointer token and makes it safe in a URI fragment. */
export function pointerToken(token: string | number): string;

/**
 * Loads the whole bundled spec into ajv (JSON Schema 2020-12) so that a schema anywhere in it can
 * be used by JSON pointer, with its `#/components/...` references intact.
 * @example
 * const validateAt = createSchemaValidator(spec);
 * validateAt('/components/schemas/Message', body); // [] when valid
 */
export function createSchemaValidator(spec: object): ValidateAt;
