import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/AuthContext.js';
import type { EventFrame } from './EventFrame.js';
import { RealtimeHub, type RealtimePeer } from './RealtimeHub.js';

function peer(): RealtimePeer & { frames: EventFrame[]; ephemeral: unknown[] } {
  const frames: EventFrame[] = [];
  const ephemeral: unknown[] = [];
  return {
    frames,
    ephemeral,
    pushLive: (frame) => frames.push(frame),
    pushEphemeral: (frame) => ephemeral.push(frame),
    terminate() {},
    endSession() {},
  };
}

const auth = (userId: string, sessionId: string) => ({ userId, sessionId }) as AuthContext;
const presence = { type: 'presence.updated', data: { user_id: 'u1', online: true } };
const event = (position: number, audience: string[]) => ({
  position,
  audience,
  payload: JSON.stringify(presence),
});

describe('RealtimeHub.deliver', () => {
  it('serialises an event once and pushes the same frame to every socket of its audience', () => {
    const hub = new RealtimeHub();
    const [a1, a2, b, outsider] = [peer(), peer(), peer(), peer()];
    hub.add(auth('a', 's1'), a1);
    hub.add(auth('a', 's2'), a2);
    hub.add(auth('b', 's3'), b);
    hub.add(auth('c', 's4'), outsider);
    hub.deliver(event(7, ['a', 'b']));
    hub.deliver(event(8, ['b']));
    expect(a1.frames.map((f) => f.position)).toEqual([7]);
    expect(a2.frames[0]).toBe(a1.frames[0]);
    expect(b.frames[0]).toBe(a1.frames[0]);
    expect(b.frames.map((f) => f.position)).toEqual([7, 8]);
    expect(outsider.frames).toEqual([]);
    expect(JSON.parse(String(b.frames[1]!.data))).toEqual({
      type: 'event',
      position: 8,
      event: presence,
    });
  });
});

describe('RealtimeHub.onPresenceChange', () => {
  it('reports a user online at their first socket and offline after their last one closes', () => {
    const hub = new RealtimeHub();
    const changes: string[] = [];
    hub.onPresenceChange((userId, online) => changes.push(`${userId}:${online}`));
    const [phone, laptop, other] = [peer(), peer(), peer()];
    hub.add(auth('a', 's1'), phone);
    hub.add(auth('a', 's2'), laptop);
    hub.add(auth('b', 's3'), other);
    hub.remove(auth('a', 's1'), phone);
    hub.remove(auth('a', 's1'), phone);
    expect(changes).toEqual(['a:true', 'b:true']);
    hub.remove(auth('a', 's2'), laptop);
    expect(changes).toEqual(['a:true', 'b:true', 'a:false']);
    expect(hub.isOnline('a')).toBe(false);
    expect(hub.isOnline('b')).toBe(true);
  });

  it('stops calling a listener once it unsubscribes', () => {
    const hub = new RealtimeHub();
    const changes: string[] = [];
    const unsubscribe = hub.onPresenceChange((userId, online) =>
      changes.push(`${userId}:${online}`),
    );
    hub.add(auth('a', 's1'), peer());
    unsubscribe();
    hub.add(auth('b', 's2'), peer());
    expect(changes).toEqual(['a:true']);
  });
});

describe('RealtimeHub.deliverEphemeral', () => {
  it('pushes one frame to every socket of the audience on this process, and no other', () => {
    const hub = new RealtimeHub();
    const [a1, a2, b] = [peer(), peer(), peer()];
    hub.add(auth('a', 's1'), a1);
    hub.add(auth('a', 's2'), a2);
    hub.add(auth('b', 's3'), b);
    const typing = {
      type: 'typing' as const,
      data: {
        conversation_id: 'c1',
        user: { id: 'b', username: 'bo', nickname: null, avatar_url: null, deleted: false },
        state: 'started' as const,
      },
    };
    hub.deliverEphemeral(['a', 'nobody'], typing);
    expect(a1.ephemeral).toEqual([{ type: 'ephemeral', event: typing }]);
    expect(a2.ephemeral[0]).toBe(a1.ephemeral[0]);
    expect(b.ephemeral).toEqual([]);
  });
});
