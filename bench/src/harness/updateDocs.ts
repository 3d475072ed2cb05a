import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOC = fileURLToPath(new URL('../../../docs/performance.md', import.meta.url));
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Replaces the results section of docs/performance.md (between its bench:results markers)
 * with `markdown`.
 * @throws Error when the markers are missing.
 */
export function updateDocs(markdown: string): void {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} lacks the ${START} … ${END} markers`);
  const next = `${text.slice(0, start + START.length)}\n${markdown.trim()}\n${text.slice(end)}`;
  fs.writeFileSync(DOC, next);
}
