import { describe, expect, it } from 'vitest';
import { checkJsonDepth } from './jsonDepth.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};

describe('checkJsonDepth', () => {
  it('accepts values up to the limit and scalars', () => {
    expect(checkJsonDepth(nested(32), 32, '/body')).toEqual([]);
    expect(checkJsonDepth('text', 32, '/body')).toEqual([]);
  });

  it('points at the first container past the limit, without recursion (issue 6 #5)', () => {
    const [error] = checkJsonDepth({ ok: [1], deep: nested(100_000) }, 32, '/body');
    expect(error?.pointer).toBe(`/body/deep${'/a'.repeat(31)}`);
    expect(error?.keyword).toBe('x-max-json-depth');
  });
});
