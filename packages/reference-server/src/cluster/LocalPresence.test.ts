import { describe, expect, it } from 'vitest';
import { LocalPresence } from './LocalPresence.js';

describe('LocalPresence', () => {
  it('reports the users connected to this process', async () => {
    const connected = new Set(['u1', 'u3']);
    const presence = new LocalPresence({ isOnline: (userId) => connected.has(userId) });
    expect([...(await presence.onlineAmong(['u1', 'u2', 'u3']))]).toEqual(['u1', 'u3']);
    expect((await presence.onlineAmong([])).size).toBe(0);
  });
});
