import { describe, expect, it } from 'vitest';
import { LocalPresence } from './LocalPresence.js';

describe('LocalPresence', () => {
  it('reports the users connected to this process, and nobody elsewhere', async () => {
    const connected = new Set(['u1', 'u3']);
    const presence = new LocalPresence({ isOnline: (userId) => connected.has(userId) });
    expect([...(await presence.onlineAmong(['u1', 'u2', 'u3']))]).toEqual(['u1', 'u3']);
    expect((await presence.onlineAmong([])).size).toBe(0);
    expect((await presence.onlineElsewhere(['u1', 'u2'])).size).toBe(0);
  });

  it('remembers when users were last seen, the latest time per user', async () => {
    const presence = new LocalPresence({ isOnline: () => false });
    presence.recordLastSeen('u1', '2026-11-22T07:00:00.000Z');
    presence.recordLastSeen('u1', '2026-11-22T07:05:00.000Z');
    presence.recordLastSeen('u1', '2026-11-22T07:04:00.000Z');
    presence.recordLastSeen('u2', '2026-11-22T07:01:00.000Z');
    expect(Object.fromEntries(await presence.lastSeenAmong(['u1', 'u3']))).toEqual({
      u1: '2026-11-22T07:05:00.000Z',
    });
  });
});
