import { describe, expect, it } from 'vitest';
import { type Bundle, bundleOperations, loadBundle } from './loadBundle.js';

const spec = loadBundle();
const operations = bundleOperations(spec);

/** Every schema object under `node`, with its JSON pointer. */
function* schemas(node: unknown, pointer: string): Generator<[string, Bundle]> {
  if (!node || typeof node !== 'object') return;
  const schema = node as Bundle;
  if (typeof schema.type === 'string' || Array.isArray(schema.type)) yield [pointer, schema];
  for (const [key, child] of Object.entries(schema)) {
    if (['example', 'examples', 'enum', 'const', 'default', 'x-enum-descriptions'].includes(key))
      continue;
    yield* schemas(child, `${pointer}/${key}`);
  }
}

const types = (schema: Bundle): string[] => [schema.type].flat();

/** Why a schema is unbounded, or null when it is bounded. */
function unbounded(schema: Bundle): string | null {
  if (schema.enum || schema.const !== undefined) return null;
  const kinds = types(schema);
  if (
    kinds.includes('string') &&
    schema.maxLength === undefined &&
    !['date-time', 'date'].includes(schema.format)
  )
    return 'string without maxLength';
  if (kinds.includes('array') && schema.maxItems === undefined) return 'array without maxItems';
  if ((kinds.includes('integer') || kinds.includes('number')) && schema.minimum === undefined)
    return 'number without minimum';
  if (
    kinds.includes('object') &&
    !schema.properties &&
    schema.maxProperties === undefined &&
    !schema.allOf
  )
    return 'free-form object without maxProperties';
  return null;
}

describe('limits are in the schemas', () => {
  it('bounds every string, array, number and free-form object', () => {
    const all = [...schemas(spec.components, '#/components'), ...schemas(spec.paths, '#/paths')];
    expect(all.length).toBeGreaterThan(500);
    const found = all
      .map(([pointer, schema]) => [pointer, unbounded(schema)])
      .filter(([, why]) => why);
    expect(found).toEqual([]);
  });

  it('caps every page at 100 items and every limit parameter at 100', () => {
    const pages = Object.entries(spec.components.schemas as Bundle).filter(([name]) =>
      name.endsWith('Page'),
    );
    expect(pages.filter(([, page]) => page.properties.items.maxItems > 100)).toEqual([]);
    const resolve = (p: Bundle) =>
      p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p;
    const limits = operations.flatMap((op) =>
      op.parameters.map(resolve).filter((p) => p.name === 'limit' && p.in === 'query'),
    );
    expect(limits.length).toBeGreaterThan(0);
    expect(limits.filter((p) => !(p.schema.maximum <= 100))).toEqual([]);
  });

  it('states a rate limit on every operation, with 429 and Retry-After', () => {
    const missing = operations.filter((op) => {
      const limit = op.operation['x-rate-limit'];
      const answer = op.operation.responses['429'];
      const headers = answer?.$ref
        ? spec.components.responses.TooManyRequests.headers
        : answer?.headers;
      return !(limit?.limit > 0 && limit?.window_seconds > 0 && headers?.['Retry-After']);
    });
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });

  it('states the upload size limit in the schema and answers 413 beyond it', () => {
    const upload = operations.find((op) => op.operationId === 'uploadFile')!;
    expect(spec.components.schemas.UploadFileRequest.properties.file.maxLength).toBe(52_428_800);
    expect(upload.operation.responses['413']).toBeDefined();
  });
});
