import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.js';
import { authenticationOf } from './buildRouter.js';

describe('authenticationOf', () => {
  it('tells required, optional and no authentication apart', () => {
    expect(authenticationOf([])).toBe('none');
    expect(authenticationOf([{ bearerAuth: [] }])).toBe('required');
    expect(authenticationOf([{}, { bearerAuth: [] }])).toBe('optional');
    expect(authenticationOf([{ bearerAuth: [] }, {}])).toBe('optional');
  });

  it('reads the spec: sendEmailCode optional, login none, getMe required', () => {
    const spec = loadSpec();
    const found: Record<string, string> = {};
    const globalSecurity = (spec.security as unknown[] | undefined) ?? [];
    for (const item of Object.values(spec.paths)) {
      for (const operation of Object.values(item) as {
        operationId?: string;
        security?: unknown[];
      }[]) {
        if (!operation?.operationId) continue;
        found[operation.operationId] = authenticationOf(operation.security ?? globalSecurity);
      }
    }
    expect(found).toMatchObject({
      sendEmailCode: 'optional',
      login: 'none',
      resetPassword: 'none',
      getMe: 'required',
      verifyEmail: 'required',
    });
  });
});
