import { describe, expect, it } from 'vitest';
import { createSchemaValidator } from '../lib/createSchemaValidator.js';
import {
  mediaExamples,
  operationExampleCases,
  resolve as resolveRef,
  schemaExampleCases,
} from './exampleCases.js';
import { type Bundle, bundleOperations, loadBundle } from './loadBundle.js';

const spec = loadBundle();
const operations = bundleOperations(spec);
const validateAt = createSchemaValidator(spec);

const resolve = (node: unknown) => resolveRef(spec, node as Bundle);

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
