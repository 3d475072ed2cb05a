import type { ValidateFunction } from 'ajv';
import { type InputError, toFieldErrors } from './fieldErrors.js';
import { checkJsonDepth } from './jsonDepth.js';
import type { OpenApiDocument } from './loadSpec.js';
import { coerceParameters, operationParameters, parameterSchema } from './parameters.js';
import { rebase, type SpecAjv, specAjv } from './specAjv.js';

export type { InputError } from './fieldErrors.js';

/** Validators for one operation's inputs; each returns the field errors (empty when valid). */
export interface OperationValidators {
  /** Validates and coerces (`"20"` → `20`) path parameters in place, adding schema defaults. */
  path(value: Record<string, unknown>): InputError[];
  /** Validates and coerces query parameters in place, adding schema defaults. */
  query(value: Record<string, unknown>): InputError[];
  /** Undefined when the operation takes no body. */
  body?: (value: unknown) => InputError[];
  bodyRequired: boolean;
}

/** Nesting limit of JSON bodies when the spec states none (`x-max-json-depth`). */
const DEFAULT_MAX_DEPTH = 32;

interface OperationObject {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: { required?: boolean; content?: Record<string, { schema: unknown }> };
}

function check(where: string, validate: ValidateFunction): (value: unknown) => InputError[] {
  return (value) => (validate(value) ? [] : toFieldErrors(where, validate.errors ?? []));
}

function parameterValidator(
  spec: OpenApiDocument,
  ajv: SpecAjv,
  parameters: ReturnType<typeof operationParameters>,
  where: 'path' | 'query',
): (value: Record<string, unknown>) => InputError[] {
  const validate = check(where, ajv.compile(rebase(parameterSchema(parameters, where))));
  return (value) => {
    const { values, errors } = coerceParameters(spec, parameters, value, where);
    for (const key of Object.keys(value)) delete value[key];
    Object.assign(value, values);
    return [...errors, ...validate(value)];
  };
}

function bodyValidator(spec: OpenApiDocument, ajv: SpecAjv, schema: unknown) {
  const maxDepth = (spec['x-max-json-depth'] as number | undefined) ?? DEFAULT_MAX_DEPTH;
  const validate = check('body', ajv.compile(rebase(schema)));
  return (value: unknown) => {
    const tooDeep = checkJsonDepth(value, maxDepth, '/body');
    return tooDeep.length > 0 ? tooDeep : validate(value);
  };
}

/**
 * Compiles validators for every operation's path and query parameters (including those given by
 * `$ref`) and JSON body, straight from the bundled spec (JSON Schema 2020-12, see {@link specAjv}).
 * A body is first checked against the spec's nesting limit (`x-max-json-depth`).
 * @returns a map from operationId to its validators.
 */
export function compileValidators(spec: OpenApiDocument): Map<string, OperationValidators> {
  const ajv = specAjv(spec);
  const result = new Map<string, OperationValidators>();
  for (const item of Object.values(spec.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const operation = raw as OperationObject;
      if (method === 'parameters' || !operation.operationId) continue;
      const parameters = operationParameters(
        spec,
        item.parameters as unknown[],
        operation.parameters,
      );
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      result.set(operation.operationId, {
        path: parameterValidator(spec, ajv, parameters, 'path'),
        query: parameterValidator(spec, ajv, parameters, 'query'),
        body: bodySchema ? bodyValidator(spec, ajv, bodySchema) : undefined,
        bodyRequired: operation.requestBody?.required ?? false,
      });
    }
  }
  return result;
}
