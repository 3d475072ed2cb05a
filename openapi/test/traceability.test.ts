import { describe, expect, it } from 'vitest';
import { bundleOperations, loadBundle } from './loadBundle.js';
import { readEndpointTable } from './readEndpointTable.js';

const table = readEndpointTable();
const operations = bundleOperations(loadBundle());

/** Every `x-replaces` entry with the operation that claims it. */
const claims = operations.flatMap((op) =>
  ((op.operation['x-replaces'] ?? []) as string[]).map((key) => ({
    key,
    operationId: op.operationId,
  })),
);

describe('traceability to the 152 source endpoints', () => {
  it('reads the whole source endpoint table', () => {
    expect(table).toHaveLength(152);
    expect(new Set(table.map((line) => line.key)).size).toBe(152);
  });

  it('maps every source endpoint to an operation', () => {
    const claimed = new Set(claims.map((claim) => claim.key));
    const unmapped = table.filter((line) => !claimed.has(line.key)).map((line) => line.key);
    expect(unmapped).toEqual([]);
  });

  it('maps no source endpoint to two operations', () => {
    const owners = new Map<string, string[]>();
    for (const { key, operationId } of claims)
      owners.set(key, [...(owners.get(key) ?? []), operationId]);
    const twice = [...owners]
      .filter(([, ids]) => ids.length > 1)
      .map(([key, ids]) => `${key}: ${ids}`);
    expect(twice).toEqual([]);
  });

  it('names only source endpoints that are in the table', () => {
    const known = new Set(table.map((line) => line.key));
    expect(claims.filter((claim) => !known.has(claim.key))).toEqual([]);
  });

  it('gives every operation an x-replaces list', () => {
    const missing = operations.filter((op) => !Array.isArray(op.operation['x-replaces']));
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });
});
