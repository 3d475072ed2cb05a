import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { DEFAULT_SERVER, resolveServerUrl } from '../src/serverUrl.js';

describe('resolveServerUrl', () => {
  it('prefers --server, then IMKIT_SERVER, then the session, then the default', () => {
    const all = { flag: 'http://a:1', env: 'http://b:2', session: 'http://c:3' };
    expect(resolveServerUrl(all)).toBe('http://a:1');
    expect(resolveServerUrl({ ...all, flag: undefined })).toBe('http://b:2');
    expect(resolveServerUrl({ session: 'http://c:3' })).toBe('http://c:3');
    expect(resolveServerUrl({})).toBe(DEFAULT_SERVER);
  });

  it('drops trailing slashes so equal servers compare equal', () => {
    expect(resolveServerUrl({ flag: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000');
  });

  it('rejects a URL that is not http or https as a usage error', () => {
    expect(() => resolveServerUrl({ flag: 'ftp://x' })).toThrow(UsageError);
    expect(() => resolveServerUrl({ flag: 'not a url' })).toThrow(/invalid server URL/);
  });
});
