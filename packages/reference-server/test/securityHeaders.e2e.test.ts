import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingClient } from './support/recordingClient.js';
import { startTestServer, type TestServer } from './support/testServer.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The headers every answer of a JSON API carries (spec: the conventions' security headers). */
function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('security headers (issue 6 #8)', () => {
  it('marks answers that carry tokens no-store, with nosniff and a CSP that allows nothing', async () => {
    const { client, last } = recordingClient(t.url);
    await client.register({
      body: { username: `sec${process.pid}`, password: 'correct horse battery' },
    });
    expectSecurityHeaders(last().headers);
    const tokens = (await client.getTokens())!;
    await client.refreshToken({ body: { refresh_token: tokens.refresh_token } });
    expectSecurityHeaders(last().headers);
    await client.getMe();
    expectSecurityHeaders(last().headers);
  });

  it('puts them on problem answers and unknown routes too', async () => {
    expectSecurityHeaders((await fetch(`${t.url}/me`)).headers);
    expectSecurityHeaders((await fetch(`${t.url}/no-such-route`)).headers);
  });
});
