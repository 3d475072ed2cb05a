// Module resolve hook (node:module register): logs each specifier, then resolves as usual.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  appendFileSync(process.env.IMKIT_IMPORT_LOG, `${specifier}\n`);
  return nextResolve(specifier, context);
}
