import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { pointers, rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { newClient, registerUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const password = 'correct horse battery';
const unique = () => `n${Math.random().toString(36).slice(2, 12)}`;

describe('nicknames cannot hide characters or impersonate (issue 6 #8)', () => {
  it('refuses control, NUL, line-separator and bidi characters, and blank nicknames', async () => {
    const bad = [
      'a\u0000b',
      'tab\there',
      'new\nline',
      'bell\u0007',
      'c1\u0085',
      'line\u2028sep',
      'evil\u202Egnp.exe',
      'iso\u2066late',
      '   ',
      '\u3000',
    ];
    for (const nickname of bad) {
      const username = unique();
      const answer = await rawRequest(t.url, 'POST', '/auth/register', {
        body: { username, password, nickname },
      });
      expect([
        JSON.stringify(nickname),
        answer.status,
        answer.body?.code,
        ...pointers(answer),
      ]).toEqual([JSON.stringify(nickname), 422, 'validation.failed', '/body/nickname']);
      const login = await rawRequest(t.url, 'POST', '/auth/login', {
        body: { login: username, password },
      });
      expect(login.status).toBe(401);
    }
  });

  it("refuses another user's username as a nickname, case- and width-insensitively", async () => {
    const bob = await registerUser(t.url, 'bob');
    const fullWidth = [...bob.username.toUpperCase()]
      .map((c) => (/[A-Z0-9]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c))
      .join('');
    for (const nickname of [bob.username, bob.username.toUpperCase(), fullWidth]) {
      const username = unique();
      const attempt = newClient(t.url).register({ body: { username, password, nickname } });
      expect(await failure(attempt)).toEqual({ status: 409, code: 'user.nickname_reserved' });
      expect(
        (await rawRequest(t.url, 'POST', '/auth/login', { body: { login: username, password } }))
          .status,
      ).toBe(401);
    }
  });

  it('accepts your own username, or any other display name, as your nickname', async () => {
    const username = unique();
    const own = await newClient(t.url).register({
      body: { username, password, nickname: username.toUpperCase() },
    });
    expect(own.user.nickname).toBe(username.toUpperCase());
    const plain = await newClient(t.url).register({
      body: { username: unique(), password, nickname: 'Zoë ☕ 山田' },
    });
    expect(plain.user.nickname).toBe('Zoë ☕ 山田');
  });
});
