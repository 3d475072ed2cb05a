import { describe, expect, it } from 'vitest';
import { ApiError, type FieldError } from './ApiError.js';
import { problemDetails } from './problemDetails.js';

const fieldErrors = (count: number): FieldError[] =>
  Array.from({ length: count }, (_, i) => ({
    pointer: `/body/extra${i}`,
    detail: `unknown property "extra${i}"`,
    keyword: 'additionalProperties',
  }));

describe('problemDetails', () => {
  it('reports a 501 as not retryable, as docs/errors.md says (issue 6 #12)', () => {
    const problem = problemDetails(
      new ApiError(501, 'operation.not_implemented', 'not yet'),
      '/groups',
    );
    expect(problem.retryable).toBe(false);
  });

  it('reports rate limits and other server faults as retryable', () => {
    expect(problemDetails(new ApiError(429, 'rate_limited', 'slow down')).retryable).toBe(true);
    expect(problemDetails(new ApiError(500, 'internal', 'oops')).retryable).toBe(true);
    expect(problemDetails(new ApiError(422, 'validation.failed', 'bad')).retryable).toBe(false);
  });

  it('cuts thousands of field errors to ten and tells the total (issue 6 #8)', () => {
    const problem = problemDetails(
      new ApiError(422, 'validation.failed', 'bad', { errors: fieldErrors(20_000) }),
    );
    expect(problem.errors).toHaveLength(10);
    expect(problem.errors?.[0]?.pointer).toBe('/body/extra0');
    expect(problem.errors_total).toBe(20_000);
    expect(JSON.stringify(problem).length).toBeLessThan(2_000);
  });

  it('omits errors_total when every field error fits', () => {
    const problem = problemDetails(
      new ApiError(422, 'validation.failed', 'bad', { errors: fieldErrors(3) }),
    );
    expect(problem.errors).toHaveLength(3);
    expect(problem).not.toHaveProperty('errors_total');
  });
});
