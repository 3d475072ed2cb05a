import type { Schema } from '../spec/operationTypes.js';

/**
 * How often a client renews a `started` typing indicator while the user types, in ms (the
 * `RealtimeTypingFrame` contract: at most every 3 seconds).
 */
export const TYPING_RENEW_MS = 3000;
/** How long a `started` indicator shows without a renewal, in ms (`TypingState`: 6 seconds). */
export const TYPING_EXPIRES_MS = 6000;
/** Least time between two `started` relayed for one user in one conversation, in ms. */
export const TYPING_MIN_INTERVAL_MS = 1000;
/** How often forgotten indicators are swept from memory, in ms. */
const SWEEP_INTERVAL_MS = 10_000;

interface Indicator {
  /** When the last relayed `started` arrived (ms, monotonic). */
  startedAt: number;
  /** True from a relayed `started` until a relayed `stopped`. */
  shown: boolean;
}

/** The default clock: monotonic ms. */
const monotonicMs = () => performance.now();

/**
 * Decides which `typing` frames are worth relaying, per user and conversation, in one server
 * process: a `started` at most once per {@link TYPING_MIN_INTERVAL_MS} (a client renews every
 * {@link TYPING_RENEW_MS}; faster renewals, and `started`/`stopped` flapping, are dropped), and
 * a `stopped` only when it hides an indicator relayed less than {@link TYPING_EXPIRES_MS} ago
 * (receivers already hid an older one). So one user relays at most two frames a second per
 * conversation, whatever they send. Memory: one small entry per user typing in a
 * conversation, swept once it expired.
 */
export class TypingThrottle {
  private readonly indicators = new Map<string, Indicator>();
  private sweptAt: number;

  /** @param now clock in ms. Default: `performance.now`. */
  constructor(private readonly now: () => number = monotonicMs) {
    this.sweptAt = now();
  }

  /**
   * True when `userId`'s `state` frame for `conversationId` is to be relayed (and it is then
   * recorded as relayed); false when it is to be dropped silently.
   */
  admit(userId: string, conversationId: string, state: Schema<'TypingState'>): boolean {
    const now = this.now();
    this.sweep(now);
    const key = `${userId} ${conversationId}`;
    const indicator = this.indicators.get(key);
    if (state === 'started') {
      if (indicator && now - indicator.startedAt < TYPING_MIN_INTERVAL_MS) return false;
      this.indicators.set(key, { startedAt: now, shown: true });
      return true;
    }
    if (!indicator?.shown || now - indicator.startedAt >= TYPING_EXPIRES_MS) return false;
    indicator.shown = false;
    return true;
  }

  /** How many indicators are remembered (tests). */
  get size(): number {
    return this.indicators.size;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_INTERVAL_MS) return;
    this.sweptAt = now;
    for (const [key, indicator] of this.indicators) {
      if (now - indicator.startedAt >= TYPING_EXPIRES_MS) this.indicators.delete(key);
    }
  }
}
