import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse } from './support/contractCheck.js';
import { failure } from './support/expectCode.js';
import { postFrom } from './support/postFrom.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { newClient, registerUser } from './support/users.js';

// The login throttle is not scaled in test servers: these are its defaults (10 failures per
// account and address per 15 minutes). `login`'s own x-rate-limit is scaled out of the way.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** A login from another loopback address than the SDK's 127.0.0.1, checked against the spec. */
async function loginFrom(address: string, login: string, password: string) {
  const url = `${t.url}/auth/login`;
  const answer = await postFrom(address, url, { login, password });
  const contentType = String(answer.headers['content-type']);
  expect(checkResponse('POST', url, answer.status, contentType, answer.body)).toEqual([]);
  return answer;
}

describe('the login throttle (issue 6 #7)', () => {
  it('checks at most 10 passwords for 60 concurrent wrong logins to one account', async () => {
    const alice = await registerUser(t.url, 'conc');
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        failure(
          newClient(t.url).login({ body: { login: alice.username, password: 'wrong guess' } }),
        ),
      ),
    );
    // A 401 comes only after a password check; a 429 is refused before it.
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    expect(answers.filter((a) => a.code === 'rate_limited')).toHaveLength(50);
  });

  it('lets the owner log in from another address after a stranger used up their attempts', async () => {
    const owner = await registerUser(t.url, 'owner');
    for (let i = 0; i < 10; i += 1) {
      expect((await loginFrom('127.0.0.2', owner.username, `guess ${i}`)).status).toBe(401);
    }
    const stranger = await loginFrom('127.0.0.2', owner.username, owner.password);
    expect(stranger.status).toBe(429);
    const session = await newClient(t.url).login({
      body: { login: owner.username, password: owner.password },
    });
    expect(session.user.id).toBe(owner.user.id);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(60);
    expect(stranger.headers['ratelimit-policy']).toBe('"login_account_address";q=10;w=900');
  });

  it('counts failures by account whether the login names the username or the email', async () => {
    const bob = await registerUser(t.url, 'both');
    const email = `${bob.username}@example.com`;
    for (let i = 0; i < 5; i += 1) {
      await loginFrom('127.0.0.3', bob.username, `guess ${i}`);
      await loginFrom('127.0.0.3', email.toUpperCase(), `guess ${i}`);
    }
    expect((await loginFrom('127.0.0.3', email, bob.password)).status).toBe(429);
  });
});
