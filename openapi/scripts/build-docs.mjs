// Writes the generated Markdown docs (docs/migration/*.md, docs/errors.md) from the bundled spec.
// Run by `npm run docs` after the bundle is built; the API reference itself comes from `redocly build-docs`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocs } from './renderDocs.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = resolve(packageDir, '../docs');

const spec = JSON.parse(await readFile(resolve(packageDir, 'dist/openapi.json'), 'utf8'));
const tsv = await readFile(resolve(packageDir, 'traceability/endpoints.tsv'), 'utf8');
for (const [path, content] of Object.entries(renderDocs(spec, tsv))) {
  const target = resolve(docsDir, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  console.log(`wrote docs/${path}`);
}
