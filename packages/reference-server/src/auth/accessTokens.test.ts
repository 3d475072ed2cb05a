import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessTokens } from './accessTokens.js';
import { VerifiedTokenCache } from './VerifiedTokenCache.js';

const SECRET = 'a-secret-that-is-long-enough-for-hs256-tokens';
const auth = { userId: 'user-1', sessionId: 'session-1' };

afterEach(() => vi.useRealTimers());

describe('AccessTokens with the key imported once', () => {
  it('verifies the tokens it signed, again and again', async () => {
    const tokens = new AccessTokens(SECRET, 900);
    const token = await tokens.sign(auth);
    expect(await tokens.verify(token)).toEqual(auth);
    expect(await tokens.verify(token)).toEqual(auth);
    expect(await new AccessTokens(SECRET, 900).verify(token)).toEqual(auth);
  });

  it('refuses a token signed with another secret, or altered after a verified one', async () => {
    const tokens = new AccessTokens(SECRET, 900);
    const token = await tokens.sign(auth);
    await tokens.verify(token);
    const foreign = await new AccessTokens(`${SECRET}-other`, 900).sign(auth);
    await expect(tokens.verify(foreign)).rejects.toMatchObject({ code: 'auth.token_invalid' });
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verify(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({
      code: 'auth.token_invalid',
    });
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const tokens = new AccessTokens(SECRET, 60);
    const token = await tokens.sign(auth);
    expect(await tokens.verify(token)).toEqual(auth);
    vi.setSystemTime(new Date('2026-01-01T00:00:59Z'));
    expect(await tokens.verify(token)).toEqual(auth);
    vi.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'auth.token_expired' });
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'auth.token_expired' });
  });
});

describe('VerifiedTokenCache', () => {
  it('keeps at most `capacity` tokens, forgetting the least recently used', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', auth, 100);
    cache.set('b', auth, 100);
    expect(cache.get('a', 0)).toEqual(auth); // a is now the most recently used
    cache.set('c', auth, 100);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toEqual(auth);
    expect(cache.get('c', 0)).toEqual(auth);
  });

  it('reports an expired token once and forgets it', () => {
    const cache = new VerifiedTokenCache();
    cache.set('a', auth, 100);
    expect(cache.get('a', 99)).toEqual(auth);
    expect(cache.get('a', 100)).toBe('expired');
    expect(cache.size).toBe(0);
  });
});
