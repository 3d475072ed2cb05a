import { describe, expect, it } from 'vitest';
import { ServerHeartbeat } from './ServerHeartbeat.js';

describe('ServerHeartbeat', () => {
  it('pings a socket silent for an interval, once per interval of silence', () => {
    const heartbeat = new ServerHeartbeat(1000, 0);
    expect(heartbeat.check(999)).toBe('alive');
    expect(heartbeat.check(1000)).toBe('ping');
    expect(heartbeat.check(1500)).toBe('alive');
    expect(heartbeat.check(2000)).toBe('ping');
  });

  it('declares a socket dead after 2.4 intervals of silence, counted from the last frame heard', () => {
    const heartbeat = new ServerHeartbeat(1000, 0);
    heartbeat.heard(2000);
    expect(heartbeat.check(4400)).toBe('ping');
    expect(heartbeat.check(4401)).toBe('dead');
  });
});
