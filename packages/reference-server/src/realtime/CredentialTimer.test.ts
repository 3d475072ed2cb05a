import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CredentialTimer } from './CredentialTimer.js';

/** A JWT whose `exp` is `seconds` from now (the timer only reads its claims). */
const tokenExpiringIn = (seconds: number) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(new TextEncoder().encode('k'.repeat(32)));

describe('CredentialTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at the token expiry, and a renewal moves the deadline', async () => {
    const expired = vi.fn();
    const timer = new CredentialTimer(expired);
    timer.renew(await tokenExpiringIn(10));
    vi.advanceTimersByTime(8000);
    timer.renew(await tokenExpiringIn(10));
    vi.advanceTimersByTime(8000);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3000);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('waits out a lifetime longer than setTimeout allows', async () => {
    const expired = vi.fn();
    const timer = new CredentialTimer(expired);
    timer.renew(await tokenExpiringIn(40 * 24 * 3600));
    vi.advanceTimersByTime(30 * 24 * 3600 * 1000);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(11 * 24 * 3600 * 1000);
    expect(expired).toHaveBeenCalledOnce();
    timer.stop();
  });
});
