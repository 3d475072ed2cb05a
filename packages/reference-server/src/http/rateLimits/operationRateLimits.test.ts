import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../spec/loadSpec.js';
import { operationRateLimits } from './operationRateLimits.js';

describe('operationRateLimits', () => {
  it("reads every operation's x-rate-limit from the spec", () => {
    const limits = operationRateLimits(loadSpec());
    expect(limits.get('sendMessage')).toEqual({
      name: 'sendMessage',
      limit: 30,
      windowSeconds: 10,
      scope: 'user',
    });
    expect(limits.get('register')).toMatchObject({ limit: 10, windowSeconds: 60, scope: 'ip' });
    expect(limits.get('connectRealtime')).toMatchObject({ scope: 'ip' });
    expect(limits.size).toBeGreaterThan(80);
  });

  it('scales every limit, never below one request', () => {
    expect(operationRateLimits(loadSpec(), 100).get('sendMessage')?.limit).toBe(3000);
    expect(operationRateLimits(loadSpec(), 0.001).get('sendMessage')?.limit).toBe(1);
  });

  it('refuses to start when an operation declares no limit', () => {
    const spec = { ...loadSpec(), paths: { '/x': { get: { operationId: 'getX' } } } };
    expect(() => operationRateLimits(spec)).toThrow('operation getX has no valid x-rate-limit');
  });
});
