import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One line of the source endpoint table. */
export interface SourceEndpoint {
  /** `"<seed> <METHOD> <path>"`, the form `x-replaces` uses. */
  key: string;
  seed: string;
  method: string;
  path: string;
  capability: string;
  summary: string;
}

/** Reads `traceability/endpoints.tsv` (header line first, tab-separated). */
export function readEndpointTable(): SourceEndpoint[] {
  const url = new URL('../traceability/endpoints.tsv', import.meta.url);
  const lines = readFileSync(fileURLToPath(url), 'utf8').split('\n').slice(1);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [seed = '', method = '', path = '', capability = '', summary = ''] = line.split('\t');
      return { key: `${seed} ${method} ${path}`, seed, method, path, capability, summary };
    });
}
