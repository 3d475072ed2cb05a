import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { CredentialTimer } from './CredentialTimer.js';

const now = Date.now();

/** A JWT whose `exp` is `seconds` after `now` (the timer only reads its claims). */
const tokenExpiringIn = (seconds: number) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(now / 1000) + seconds)
    .sign(new TextEncoder().encode('k'.repeat(32)));

describe('CredentialTimer', () => {
  it('expires at the token expiry, and a renewal moves the deadline', async () => {
    const timer = new CredentialTimer();
    expect(timer.expired(now)).toBe(false);
    timer.renew(await tokenExpiringIn(10));
    expect(timer.expired(now + 8000)).toBe(false);
    timer.renew(await tokenExpiringIn(18));
    expect(timer.expired(now + 16_000)).toBe(false);
    expect(timer.expired(now + 19_000)).toBe(true);
    expect(timer.remainingMs(now + 19_000)).toBe(0);
  });

  it('waits out a lifetime longer than setTimeout allows', async () => {
    const timer = new CredentialTimer();
    timer.renew(await tokenExpiringIn(40 * 24 * 3600));
    expect(timer.expired(now + 30 * 24 * 3600 * 1000)).toBe(false);
    expect(timer.expired(now + 41 * 24 * 3600 * 1000)).toBe(true);
  });
});
