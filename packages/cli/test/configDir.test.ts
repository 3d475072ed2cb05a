import { describe, expect, it } from 'vitest';
import { resolveConfigDir } from '../src/configDir.js';

describe('resolveConfigDir', () => {
  it('uses IMKIT_CONFIG_DIR when set', () => {
    expect(resolveConfigDir({ IMKIT_CONFIG_DIR: '/tmp/alice' }, '/fallback')).toBe('/tmp/alice');
  });

  it('ignores a blank IMKIT_CONFIG_DIR and uses the fallback', () => {
    expect(resolveConfigDir({ IMKIT_CONFIG_DIR: '  ' }, '/fallback')).toBe('/fallback');
  });

  it('defaults to the XDG config dir named imkit', () => {
    expect(resolveConfigDir({})).toMatch(/[/\\]imkit$/);
  });
});
