import { describe, expect, it, vi } from 'vitest';
import type { RealtimeServerFrame } from '../generated/openapi.js';
import { createClient, FakeSocket, hello, readEvent } from './fakeSocket.testing.js';

/** Waits for an assertion to pass; generous, because CI machines can be busy. */
const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 5000, interval: 10 });

/** Connects a client whose token manager hands out `tokens` in turn, and opens its socket. */
async function openClient(tokens: string[], helloFrame: RealtimeServerFrame = hello) {
  let calls = 0;
  const { client, delivered } = createClient(
    async () => tokens[Math.min(calls++, tokens.length - 1)]!,
  );
  const errors: string[] = [];
  client.on('error', (error) => errors.push(error.code));
  const connected = client.connect();
  await eventually(() => expect(FakeSocket.instances).toHaveLength(1));
  const socket = FakeSocket.instances[0]!;
  socket.open();
  socket.receive(helloFrame);
  await connected;
  return { client, delivered, errors, socket };
}

const expiringHello = (ms: number): RealtimeServerFrame =>
  ({ ...hello, access_expires_in_ms: ms }) as RealtimeServerFrame;

describe('RealtimeClient credentials and close codes', () => {
  it('sends reauth with a fresh token before the access token expires (issue 6 #3)', async () => {
    const { client, socket } = await openClient(
      ['access-1', 'access-2', 'access-3'],
      expiringHello(60),
    );
    await eventually(() =>
      expect(socket.sent).toContainEqual({ type: 'reauth', access_token: 'access-2' }),
    );
    socket.receive({ type: 'reauthenticated', access_expires_in_ms: 60 });
    await eventually(() =>
      expect(socket.sent).toContainEqual({ type: 'reauth', access_token: 'access-3' }),
    );
    expect(FakeSocket.instances).toHaveLength(1);
    client.close();
  });

  it('stops for good with auth.session_revoked when the server closes with 4403 (issue 6 #3)', async () => {
    const { client, errors, socket } = await openClient(['access-1']);
    socket.fire('close', { code: 4403, reason: 'auth.session_revoked' });
    expect(client.state).toBe('closed');
    expect(errors).toEqual(['auth.session_revoked']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('reconnects at once with a fresh token after 4408 (token expired)', async () => {
    const { client, errors, socket } = await openClient(['access-1', 'access-2']);
    const reconnects: number[] = [];
    client.on('reconnecting', ({ delayMs }) => reconnects.push(delayMs));
    socket.receive({
      type: 'error',
      error: { type: 'about:blank', title: 'Expired', status: 401, code: 'auth.token_expired' },
    });
    socket.fire('close', { code: 4408, reason: 'auth.token_expired' });
    expect(client.state).toBe('reconnecting');
    expect(reconnects).toEqual([0]);
    await eventually(() => expect(FakeSocket.instances).toHaveLength(2));
    const next = FakeSocket.instances[1]!;
    next.open();
    expect(next.sent[0]).toMatchObject({ type: 'auth', access_token: 'access-2' });
    expect(errors).toEqual([]);
    client.close();
  });

  it.each([4429, 4503])('reconnects with backoff after close code %i', async (code) => {
    const { client, socket } = await openClient(['access-1']);
    socket.fire('close', { code, reason: '' });
    expect(client.state).toBe('reconnecting');
    await eventually(() => expect(FakeSocket.instances).toHaveLength(2));
    client.close();
  });

  it('acknowledges the last position again on the next socket (issue 6 #4)', async () => {
    const { client, delivered, socket } = await openClient(['access-1']);
    socket.receive(readEvent(4));
    expect(delivered).toEqual([4]);
    await eventually(() => expect(socket.sent).toContainEqual({ type: 'ack', position: 4 }));
    socket.fire('close', { code: 1006, reason: '' });
    await eventually(() => expect(FakeSocket.instances).toHaveLength(2));
    const next = FakeSocket.instances[1]!;
    next.open();
    next.receive(hello);
    expect(next.sent).toContainEqual({ type: 'ack', position: 4 });
    client.close();
  });
});
