import type { ImkitClient } from '@imkit/sdk';

/** What a {@link ReadMarker} needs. */
export interface ReadMarkerOptions {
  client: ImkitClient;
  conversationId: string;
  /**
   * Least time between two requests, in ms, so a busy chat stays within the operation's rate
   * limit (60 a minute). Default: 1000.
   */
  minIntervalMs?: number;
  /** Called with the error of a request that failed; marking goes on with the next message. */
  onError(err: unknown): void;
}

/**
 * Moves my read position in one conversation forward (`markConversationRead`) to the newest
 * message shown. Requests never overlap: marks asked for while one is under way, or within
 * `minIntervalMs` of the last, collapse into one request for the newest message.
 */
export class ReadMarker {
  readonly #options: ReadMarkerOptions;
  #wanted: string | null = null;
  #marked: string | null = null;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #running: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(options: ReadMarkerOptions) {
    this.#options = options;
  }

  /** Asks to mark the conversation read up to `messageId` (the newest message shown). */
  markUpTo(messageId: string): void {
    this.#wanted = messageId;
    if (this.#running === null && messageId !== this.#marked) this.#running = this.#drain();
  }

  /** Sends a pending mark without waiting for the interval; resolves once all are answered. */
  async flush(): Promise<void> {
    this.#lastSentAt = Number.NEGATIVE_INFINITY;
    this.#wake?.();
    await this.#running;
  }

  async #drain(): Promise<void> {
    while (this.#wanted !== null && this.#wanted !== this.#marked) {
      if (this.#remainingPause() > 0) await this.#pause();
      const messageId = this.#wanted;
      this.#lastSentAt = Date.now();
      this.#marked = messageId;
      try {
        await this.#options.client.markConversationRead({
          path: { conversation_id: this.#options.conversationId },
          body: { message_id: messageId },
        });
      } catch (err) {
        this.#options.onError(err);
      }
    }
    this.#running = null;
  }

  /** Ms left until the next request may go. */
  #remainingPause(): number {
    return this.#lastSentAt + (this.#options.minIntervalMs ?? 1000) - Date.now();
  }

  /** Waits until `minIntervalMs` passed since the last request, or until {@link flush}. */
  async #pause(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.#remainingPause());
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = null;
  }
}
