import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '../http/ApiError.js';
import type { OpenApiDocument } from './loadSpec.js';

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: unknown;
}

/** Validators for one operation's inputs; each returns the field errors (empty when valid). */
export interface OperationValidators {
  path(value: Record<string, unknown>): FieldError[];
  query(value: Record<string, unknown>): FieldError[];
  /** Undefined when the operation takes no body. */
  body?: (value: unknown) => FieldError[];
  bodyRequired: boolean;
}

const SPEC_ID = 'imkit-openapi.json';

function toFieldErrors(where: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((error) => {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const extra = params.missingProperty ?? params.additionalProperty;
    const pointer = `/${where}${error.instancePath}${extra ? `/${extra}` : ''}`;
    const detail = params.additionalProperty
      ? `unknown property "${params.additionalProperty}"`
      : (error.message ?? 'is invalid');
    return { pointer, detail, keyword: error.keyword };
  });
}

function check(where: string, validate: ValidateFunction): (value: unknown) => FieldError[] {
  return (value) => (validate(value) ? [] : toFieldErrors(where, validate.errors));
}

function parameterSchema(parameters: ParameterObject[], where: 'path' | 'query'): object {
  const own = parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name),
  };
}

/**
 * Compiles ajv (JSON Schema 2020-12) validators for every operation's path, query and
 * JSON body, straight from the bundled spec. Query and path values are coerced from
 * strings and get their schema defaults.
 * @returns a map from operationId to its validators.
 */
export function compileValidators(spec: OpenApiDocument): Map<string, OperationValidators> {
  const bodyAjv = specAjv(spec, false);
  const paramAjv = specAjv(spec, true);
  const result = new Map<string, OperationValidators>();
  for (const item of Object.values(spec.paths)) {
    const shared = (item.parameters as ParameterObject[] | undefined) ?? [];
    for (const [method, raw] of Object.entries(item)) {
      const operation = raw as {
        operationId?: string;
        parameters?: ParameterObject[];
        requestBody?: { required?: boolean; content?: Record<string, { schema: unknown }> };
      };
      if (method === 'parameters' || !operation.operationId) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      result.set(operation.operationId, {
        path: check('path', paramAjv.compile(rebase(parameterSchema(parameters, 'path')))),
        query: check('query', paramAjv.compile(rebase(parameterSchema(parameters, 'query')))),
        body: bodySchema ? check('body', bodyAjv.compile(rebase(bodySchema))) : undefined,
        bodyRequired: operation.requestBody?.required ?? false,
      });
    }
  }
  return result;
}

/** An ajv (JSON Schema 2020-12) instance that knows the whole spec, for `$ref`s into it. */
function specAjv(spec: OpenApiDocument, coerceTypes: boolean) {
  const ajv = addFormats.default(
    new Ajv2020.default({ strict: false, allErrors: true, useDefaults: true, coerceTypes }),
  );
  ajv.addSchema(spec, SPEC_ID);
  return ajv;
}

/**
 * A validator for one component schema of the spec (for realtime frames).
 * @param pointerRoot prefix of the error pointers, e.g. `/frame`.
 */
export function compileComponentValidator(
  spec: OpenApiDocument,
  name: string,
  pointerRoot: string,
): (value: unknown) => FieldError[] {
  const ajv = specAjv(spec, false);
  return check(
    pointerRoot.replace(/^\//, ''),
    ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` }),
  );
}

/** Points local `#/components/...` references at the registered spec document. */
function rebase(schema: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`),
  ) as Record<string, unknown>;
}
