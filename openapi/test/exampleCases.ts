import { pointerToken } from '../lib/createSchemaValidator.js';
import type { Bundle, BundleOperation } from './loadBundle.js';

/** One example and the schema (by pointer into the bundle) it must satisfy. */
export interface ExampleCase {
  where: string;
  schemaPointer: string;
  value: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: the bundle is walked dynamically.
type Node = Record<string, any>;

/** Follows a local `$ref` of the bundle (one hop); other values come back unchanged. */
export function resolve(spec: Bundle, node: Node): Node {
  if (typeof node?.$ref !== 'string') return node;
  const path = node.$ref.replace(/^#\//, '').split('/');
  return path.reduce(
    (at: Node, key: string) => at[key.replaceAll('~1', '/').replaceAll('~0', '~')],
    spec,
  );
}

/** The values of a media type's `example` and `examples` (resolving `$ref`s to components). */
export function mediaExamples(spec: Bundle, media: Node): Array<{ name: string; value: unknown }> {
  const found: Array<{ name: string; value: unknown }> = [];
  if (media.example !== undefined) found.push({ name: 'example', value: media.example });
  for (const [name, example] of Object.entries((media.examples ?? {}) as Node)) {
    found.push({ name, value: resolve(spec, example).value });
  }
  return found;
}

function mediaCases(spec: Bundle, where: string, pointer: string, content: Node): ExampleCase[] {
  return Object.entries(content ?? {}).flatMap(([type, media]) =>
    mediaExamples(spec, media).map(({ name, value }) => ({
      where: `${where} ${type} ${name}`,
      schemaPointer: `${pointer}/content/${pointerToken(type)}/schema`,
      value,
    })),
  );
}

/** Every request, response and parameter example of one operation. */
export function operationExampleCases(spec: Bundle, op: BundleOperation): ExampleCase[] {
  const base = `/paths/${pointerToken(op.path)}/${op.method}`;
  const name = op.operationId;
  const cases: ExampleCase[] = [];
  if (op.operation.requestBody) {
    const body = op.operation.requestBody;
    const pointer = body.$ref ? body.$ref.slice(1) : `${base}/requestBody`;
    cases.push(...mediaCases(spec, `${name} request`, pointer, resolve(spec, body).content));
  }
  for (const [status, response] of Object.entries(op.operation.responses as Node)) {
    const pointer = response.$ref ? response.$ref.slice(1) : `${base}/responses/${status}`;
    cases.push(...mediaCases(spec, `${name} ${status}`, pointer, resolve(spec, response).content));
  }
  for (const parameter of op.parameters.map((p) => resolve(spec, p))) {
    if (parameter.example === undefined) continue;
    const [pointer] = findParameterPointer(spec, op, parameter);
    cases.push({
      where: `${name} parameter ${parameter.name}`,
      schemaPointer: `${pointer}/schema`,
      value: parameter.example,
    });
  }
  return cases;
}

function findParameterPointer(spec: Bundle, op: BundleOperation, parameter: Node): string[] {
  for (const [key, candidate] of Object.entries((spec.components?.parameters ?? {}) as Node)) {
    if (candidate === parameter) return [`/components/parameters/${pointerToken(key)}`];
  }
  const item = `/paths/${pointerToken(op.path)}`;
  const own = (op.operation.parameters ?? []).indexOf(parameter);
  if (own >= 0) return [`${item}/${op.method}/parameters/${own}`];
  return [`${item}/parameters/${spec.paths[op.path].parameters.indexOf(parameter)}`];
}

/** `example` and `examples` written on schemas, anywhere under components.schemas. */
export function schemaExampleCases(spec: Bundle): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (!node || typeof node !== 'object') return;
    const schema = node as Node;
    if (
      pointer.split('/').length > 3 ||
      'type' in schema ||
      'oneOf' in schema ||
      'allOf' in schema
    ) {
      if (schema.example !== undefined)
        cases.push({ where: pointer, schemaPointer: pointer, value: schema.example });
      for (const [i, value] of (Array.isArray(schema.examples) ? schema.examples : []).entries()) {
        cases.push({ where: `${pointer} examples[${i}]`, schemaPointer: pointer, value });
      }
    }
    for (const [key, child] of Object.entries(schema)) {
      if (
        key === 'example' ||
        key === 'examples' ||
        key === 'const' ||
        key === 'default' ||
        key === 'enum'
      )
        continue;
      walk(child, `${pointer}/${pointerToken(key)}`);
    }
  };
  walk(spec.components?.schemas, '/components/schemas');
  return cases;
}
