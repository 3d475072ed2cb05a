import { ImkitError } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { CliError, NotLoggedInError } from '../src/errors.js';
import { formatError } from '../src/formatError.js';

describe('formatError', () => {
  it("prints the server's detail and code, then each field error", () => {
    const err = new ImkitError({
      status: 422,
      code: 'validation.failed',
      problem: {
        type: 'https://imkit.dev/problems/validation.failed',
        title: 'Validation failed',
        status: 422,
        detail: 'The request has 2 invalid fields.',
        code: 'validation.failed',
        errors: [
          { pointer: '/body/username', detail: 'must NOT have fewer than 3 characters' },
          { pointer: '/body/password', detail: 'must NOT have fewer than 8 characters' },
        ],
      },
    });
    expect(formatError(err)).toEqual([
      'error: The request has 2 invalid fields. (validation.failed)',
      '  /body/username: must NOT have fewer than 3 characters',
      '  /body/password: must NOT have fewer than 8 characters',
    ]);
  });

  it('prints the first five field errors and counts the rest (issue 6 #13)', () => {
    const errors = Array.from({ length: 31 }, (_, i) => ({
      pointer: `/body/content/${i}`,
      detail: 'invalid field',
    }));
    const lines = formatError(invalid(errors.slice(0, 10), 31));
    expect(lines).toHaveLength(7);
    expect(lines.slice(1, 6)).toEqual(errors.slice(0, 5).map((e) => `  ${e.pointer}: ${e.detail}`));
    expect(lines[6]).toBe('  and 26 more invalid fields');
  });

  it('counts the rest when the server sent more than five without a total', () => {
    const errors = Array.from({ length: 6 }, (_, i) => ({ pointer: `/body/${i}`, detail: 'bad' }));
    expect(formatError(invalid(errors)).at(-1)).toBe('  and 1 more invalid field');
  });

  it('falls back to the title when the problem has no detail', () => {
    const err = new ImkitError({
      status: 404,
      code: 'user.not_found',
      problem: {
        type: 'about:blank',
        title: 'User not found',
        status: 404,
        code: 'user.not_found',
      },
    });
    expect(formatError(err)).toEqual(['error: User not found (user.not_found)']);
  });

  it('adds a login hint when the session is no longer valid', () => {
    const err = new ImkitError({
      status: 401,
      code: 'auth.refresh_token_reused',
      problem: {
        type: 'https://imkit.dev/problems/auth.refresh_token_reused',
        title: 'Refresh token reused',
        status: 401,
        detail: 'This refresh token was already used; the session has been revoked.',
        code: 'auth.refresh_token_reused',
      },
    });
    expect(formatError(err).at(-1)).toMatch(/^hint: run `imkit login`/);
  });

  it('names the server and the reason when it cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const cause = new TypeError('fetch failed', { cause: refused });
    const err = new ImkitError({ status: 0, code: 'network.failed', cause });
    expect(formatError(err, 'http://127.0.0.1:9')).toEqual([
      'error: cannot reach http://127.0.0.1:9: ECONNREFUSED (network.failed)',
      'hint: is the server running there? choose another with --server <url> or IMKIT_SERVER',
    ]);
  });

  it('prints local errors with their hint', () => {
    expect(formatError(new NotLoggedInError('http://x:1'))).toEqual([
      'error: not logged in to http://x:1',
      'hint: run `imkit login` (or `imkit register`) first',
    ]);
    expect(formatError(new CliError('boom', { code: 'cli.x' }))).toEqual(['error: boom']);
  });
});

/** A validation problem with the given field errors (and `errors_total` when cut). */
function invalid(errors: { pointer: string; detail: string }[], total?: number): ImkitError {
  return new ImkitError({
    status: 422,
    code: 'validation.failed',
    problem: {
      type: 'https://imkit.dev/problems/validation.failed',
      title: 'Validation failed',
      status: 422,
      detail: 'The request is invalid.',
      code: 'validation.failed',
      errors,
      ...(total !== undefined ? { errors_total: total } : {}),
    },
  });
}
