import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.js';
import { compileFrameValidator } from './frameValidator.js';

const validate = compileFrameValidator(loadSpec());

describe('compileFrameValidator', () => {
  it('accepts every kind of valid client frame', () => {
    expect(validate({ type: 'auth', access_token: 't', since: 3, device_id: 'd' })).toEqual([]);
    expect(validate({ type: 'reauth', access_token: 't' })).toEqual([]);
    expect(validate({ type: 'ack', position: 1 })).toEqual([]);
    expect(validate({ type: 'resume', since: 0 })).toEqual([]);
    expect(validate({ type: 'ping' })).toEqual([]);
  });

  it('reports one error for a frame with thousands of unknown properties', () => {
    const frame: Record<string, unknown> = { type: 'ack', position: 1 };
    for (let i = 0; i < 5000; i += 1) frame[`extra${i}`] = i;
    expect(validate(frame)).toEqual([
      {
        pointer: '/frame/extra0',
        detail: 'unknown property "extra0"',
        keyword: 'additionalProperties',
      },
    ]);
  });

  it('names an unknown or missing type, and cuts long pointers to the spec limit', () => {
    expect(validate({ type: 'shout' })[0]?.pointer).toBe('/frame/type');
    expect(validate(null)[0]?.pointer).toBe('/frame/type');
    const [error] = validate({ type: 'ack', position: 1, ['x'.repeat(2000)]: 1 });
    expect(error!.pointer.length).toBeLessThanOrEqual(500);
    expect(error!.detail.length).toBeLessThanOrEqual(500);
  });
});
