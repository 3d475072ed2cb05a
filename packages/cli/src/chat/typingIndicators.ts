import type { TypingIndicator } from '@imkit/sdk';

/**
 * How long someone shows as typing after their last `started`, in ms: the contract's 6 seconds
 * (`TypingState`), after which an indicator hides itself.
 */
export const TYPING_SHOWN_MS = 6000;

/**
 * Who is typing in one conversation: tells `onStart` when someone starts (not on each renewal),
 * and forgets them when they stop, when their message arrives, or {@link TYPING_SHOWN_MS}
 * after their last `started`.
 */
export class TypingIndicators {
  readonly #typing = new Map<string, NodeJS.Timeout>();

  /** @param onStart called with the typing member's username when they start typing. */
  constructor(private readonly onStart: (username: string) => void) {}

  /** Takes one `typing` event of this conversation. */
  take({ user, state }: TypingIndicator): void {
    const shown = this.#typing.has(user.id);
    this.forget(user.id);
    if (state === 'stopped') return;
    const timer = setTimeout(() => this.#typing.delete(user.id), TYPING_SHOWN_MS);
    timer.unref();
    this.#typing.set(user.id, timer);
    if (!shown) this.onStart(user.username);
  }

  /** The member stopped typing (their message arrived). */
  forget(userId: string): void {
    clearTimeout(this.#typing.get(userId));
    this.#typing.delete(userId);
  }

  /** Forgets everyone (the chat ends). */
  clear(): void {
    for (const userId of [...this.#typing.keys()]) this.forget(userId);
  }
}
