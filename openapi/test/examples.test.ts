import { describe, expect, it } from 'vitest';
import { mediaExamples, operationExampleCases, schemaExampleCases } from './exampleCases.js';
import { bundleOperations, loadBundle } from './loadBundle.js';
import { createSchemaValidator } from './schemaValidator.js';

const spec = loadBundle();
const operations = bundleOperations(spec);
const validateAt = createSchemaValidator(spec);

// biome-ignore lint/suspicious/noExplicitAny: the bundle is walked dynamically.
const resolve = (node: any) =>
  node?.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((at: any, key: string) => at[key], spec)
    : node;

describe('examples', () => {
  it('exist for every request body', () => {
    const missing = operations
      .filter((op) => op.operation.requestBody)
      .flatMap((op) =>
        Object.entries(resolve(op.operation.requestBody).content)
          .filter(([, media]) => mediaExamples(spec, media as object).length === 0)
          .map(([type]) => `${op.operationId} ${type}`),
      );
    expect(missing).toEqual([]);
  });

  it('exist for every 2xx response with a body', () => {
    const missing = operations.flatMap((op) =>
      Object.entries(op.operation.responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries(resolve(response).content ?? {})
            .filter(([, media]) => mediaExamples(spec, media as object).length === 0)
            .map(([type]) => `${op.operationId} ${status} ${type}`),
        ),
    );
    expect(missing).toEqual([]);
  });

  it('exist for every path parameter and required query parameter', () => {
    const missing = operations.flatMap((op) =>
      op.parameters
        .map(resolve)
        .filter(
          (p) => (p.in === 'path' || (p.in === 'query' && p.required)) && p.example === undefined,
        )
        .map((p) => `${op.operationId} ${p.name}`),
    );
    expect(missing).toEqual([]);
  });

  const cases = [
    ...operations.flatMap((op) => operationExampleCases(spec, op)),
    ...schemaExampleCases(spec),
  ];

  it('cover at least one example per operation', () => {
    expect(cases.length).toBeGreaterThan(operations.length);
  });

  it.each(cases.map((c) => [c.where, c] as const))(
    '%s validates against its schema',
    (_where, c) => {
      expect(validateAt(c.schemaPointer, c.value)).toEqual([]);
    },
  );
});
