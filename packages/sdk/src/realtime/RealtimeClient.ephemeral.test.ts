import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeClientFrame, RealtimeEphemeralEvent } from '../generated/openapi.js';
import { createClient, FakeSocket, hello } from './fakeSocket.testing.js';

/** A client whose socket got `hello`, with a fake clock. */
async function openClient() {
  const { client } = createClient();
  const connected = client.connect();
  await vi.waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
  const socket = FakeSocket.instances[0]!;
  socket.open();
  socket.receive(hello);
  await connected;
  const sent = () => socket.sent as RealtimeClientFrame[];
  const typingSent = () =>
    sent().filter(
      (frame): frame is Extract<RealtimeClientFrame, { type: 'typing' }> => frame.type === 'typing',
    );
  return { client, socket, sent, typingSent };
}

const bob = { id: 'u2', username: 'bob', nickname: null, avatar_url: null, deleted: false };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T08:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RealtimeClient.sendTyping', () => {
  it('sends started once, renews it every 3 seconds while typing, and stops once', async () => {
    const { client, typingSent } = await openClient();
    expect(client.sendTyping('c1')).toBe(true);
    vi.advanceTimersByTime(2999);
    expect(client.sendTyping('c1', 'started')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(client.sendTyping('c1', 'started')).toBe(true);
    expect(client.sendTyping('c1', 'stopped')).toBe(true);
    expect(client.sendTyping('c1', 'stopped')).toBe(false);
    expect(typingSent()).toEqual([
      { type: 'typing', conversation_id: 'c1', state: 'started' },
      { type: 'typing', conversation_id: 'c1', state: 'started' },
      { type: 'typing', conversation_id: 'c1', state: 'stopped' },
    ]);
    client.close();
  });

  it('waits a second after a started before starting again, keeps conversations apart', async () => {
    const { client, typingSent } = await openClient();
    client.sendTyping('c1');
    client.sendTyping('c1', 'stopped');
    expect(client.sendTyping('c1')).toBe(false);
    expect(client.sendTyping('c2')).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(client.sendTyping('c1')).toBe(true);
    expect(typingSent().map((f) => [f.conversation_id, f.state])).toEqual([
      ['c1', 'started'],
      ['c1', 'stopped'],
      ['c2', 'started'],
      ['c1', 'started'],
    ]);
    client.close();
  });

  it('sends no stop for an indicator receivers already hid, and nothing while not open', async () => {
    const { client, typingSent } = await openClient();
    client.sendTyping('c1');
    vi.advanceTimersByTime(6000);
    expect(client.sendTyping('c1', 'stopped')).toBe(false);
    client.close();
    expect(client.sendTyping('c2')).toBe(false);
    expect(typingSent()).toHaveLength(1);
  });
});

describe('RealtimeClient ephemeral events', () => {
  it('emits typing and presence.updated by type and as ephemeral, without acknowledging them', async () => {
    const { client, socket, sent } = await openClient();
    const typing: unknown[] = [];
    const presence: unknown[] = [];
    const all: RealtimeEphemeralEvent[] = [];
    client.on('typing', (data) => typing.push(data));
    client.on('presence.updated', (data) => presence.push(data));
    client.on('ephemeral', (event) => all.push(event));
    const typingEvent: RealtimeEphemeralEvent = {
      type: 'typing',
      data: { conversation_id: 'c1', user: bob, state: 'started' },
    };
    const presenceEvent: RealtimeEphemeralEvent = {
      type: 'presence.updated',
      data: { user_id: 'u2', presence: 'offline', last_seen_at: '2026-11-22T07:59:00.000Z' },
    };
    socket.receive({ type: 'ephemeral', event: typingEvent });
    socket.receive({ type: 'ephemeral', event: presenceEvent });
    expect(typing).toEqual([typingEvent.data]);
    expect(presence).toEqual([presenceEvent.data]);
    expect(all).toEqual([typingEvent, presenceEvent]);
    expect(client.position).toBe(hello.type === 'hello' ? hello.head_position : undefined);
    expect(sent().filter((frame) => frame.type === 'ack')).toEqual([]);
    client.close();
  });
});
