import { describe, expect, it, vi } from 'vitest';
import { createClient, FakeSocket, hello, readEvent } from './fakeSocket.testing.js';

/** Waits for an assertion to pass; generous, because CI machines can be busy. */
const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 5000, interval: 10 });

describe('RealtimeClient (fake socket)', () => {
  it('counts as open only after hello', async () => {
    const { client } = createClient();
    const connected = client.connect();
    await eventually(() => expect(FakeSocket.instances).toHaveLength(1));
    const socket = FakeSocket.instances[0]!;
    socket.open();
    expect(client.state).toBe('connecting');
    expect(socket.sent).toEqual([{ type: 'auth', access_token: 'access-1' }]);
    socket.receive(hello);
    await expect(connected).resolves.toEqual(hello);
    expect(client.state).toBe('open');
    client.close();
  });

  it('ignores frames from a socket it replaced', async () => {
    const { client, delivered } = createClient();
    const connected = client.connect();
    await eventually(() => expect(FakeSocket.instances).toHaveLength(1));
    const [first] = FakeSocket.instances;
    first!.open();
    first!.receive(hello);
    await connected;
    first!.receive(readEvent(1));
    first!.fire('close', { code: 1006, reason: '' });
    expect(client.state).toBe('reconnecting');
    await eventually(() => expect(FakeSocket.instances).toHaveLength(2));
    const second = FakeSocket.instances[1]!;
    second.open();
    expect(second.sent[0]).toEqual({ type: 'auth', access_token: 'access-1', since: 1 });
    second.receive(hello);
    first!.receive(readEvent(2));
    expect(delivered).toEqual([1]);
    second.receive(readEvent(2));
    expect(delivered).toEqual([1, 2]);
    client.close();
  });
});
