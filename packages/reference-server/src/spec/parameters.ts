import type { InputError } from './fieldErrors.js';
import type { OpenApiDocument } from './loadSpec.js';

/** An OpenAPI parameter object, after its `$ref` (if any) was followed. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Record<string, unknown>;
}

/** Follows a local `#/...` reference of the spec, as many hops as it takes. */
export function resolveRef<T>(spec: OpenApiDocument, node: T): T {
  let at: unknown = node;
  for (let hops = 0; hops < 20 && typeof (at as { $ref?: unknown })?.$ref === 'string'; hops++) {
    const ref = (at as { $ref: string }).$ref;
    at = ref
      .replace(/^#\//, '')
      .split('/')
      .map((token) => decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((parent: unknown, key) => (parent as Record<string, unknown>)?.[key], spec);
  }
  return at as T;
}

/**
 * The parameters of one operation, path-level ones first and an operation's own replacing a
 * path-level one of the same name and location (OpenAPI 3.1, Path Item Object), with `$ref`s resolved.
 */
export function operationParameters(
  spec: OpenApiDocument,
  shared: unknown[] = [],
  own: unknown[] = [],
): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...shared, ...own]) {
    const parameter = resolveRef(spec, raw as ParameterObject);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** The JSON type a parameter's schema declares (following `$ref`s), e.g. `integer`. */
function declaredType(spec: OpenApiDocument, schema: Record<string, unknown>): unknown {
  return resolveRef(spec, schema)?.type;
}

const CANONICAL: Record<string, { pattern: RegExp; parse: (text: string) => unknown }> = {
  integer: { pattern: /^-?\d{1,15}$/, parse: Number },
  number: { pattern: /^-?\d{1,15}(\.\d{1,15})?$/, parse: Number },
  boolean: { pattern: /^(true|false)$/, parse: (text) => text === 'true' },
};

/**
 * Turns the raw strings of a query string or path into typed values, strictly: only the canonical
 * spelling of a number or boolean converts (`1.5`, `abc`, `0x10` stay strings and fail validation).
 * A parameter given more than once is an error naming it.
 */
export function coerceParameters(
  spec: OpenApiDocument,
  parameters: ParameterObject[],
  raw: Record<string, unknown>,
  where: 'path' | 'query',
): { values: Record<string, unknown>; errors: InputError[] } {
  const values: Record<string, unknown> = { ...raw };
  const errors: InputError[] = [];
  for (const parameter of parameters.filter((p) => p.in === where)) {
    const value = raw[parameter.name];
    if (Array.isArray(value)) {
      const detail = 'must be given once';
      errors.push({ pointer: `/${where}/${parameter.name}`, detail, keyword: 'type' });
      delete values[parameter.name];
      continue;
    }
    const rule = CANONICAL[String(declaredType(spec, parameter.schema))];
    if (typeof value === 'string' && rule?.pattern.test(value))
      values[parameter.name] = rule.parse(value);
  }
  return { values, errors };
}

/** A JSON Schema for the path or query parameters of an operation; unknown names are refused. */
export function parameterSchema(parameters: ParameterObject[], where: 'path' | 'query'): object {
  const own = parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}
