/**
 * A small typed event emitter. A listener that throws does not stop the others; its error goes
 * to `onListenerError`.
 */
export class Emitter<M extends { [K in keyof M]: (...args: never[]) => void }> {
  readonly #listeners = new Map<keyof M, Set<M[keyof M]>>();
  readonly #onListenerError: (error: unknown, type: keyof M) => void;

  constructor(onListenerError: (error: unknown, type: keyof M) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof M>(type: K, listener: M[K]): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof M>(type: K, ...args: Parameters<M[K]>): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        (listener as (...a: Parameters<M[K]>) => void)(...args);
      } catch (error) {
        this.#onListenerError(error, type);
      }
    }
  }

  /** True when at least one listener is registered for `type`. */
  has(type: keyof M): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0;
  }
}
