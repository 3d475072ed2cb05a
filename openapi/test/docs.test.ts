import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../scripts/renderDocs.mjs';
import { loadBundle } from './loadBundle.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const files = renderDocs(loadBundle(), read('../traceability/endpoints.tsv')) as Record<
  string,
  string
>;

describe('generated docs', () => {
  it('has one migration table per source document, with every endpoint mapped', () => {
    const pages = Object.keys(files).filter((path) => /^migration\/\d{3}\.md$/.test(path));
    expect(pages).toHaveLength(5);
    for (const page of pages) expect(files[page]).not.toContain('**unmapped**');
  });

  it.each(Object.keys(files))('docs/%s is up to date (run `npm run docs`)', (path) => {
    expect(read(`../../docs/${path}`)).toBe(files[path]);
  });
});
