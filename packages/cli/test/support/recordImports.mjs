// `node --import` this file to append every module specifier the program imports (ESM) to the
// file named by IMKIT_IMPORT_LOG, one per line. Used by startup.test.ts.
import { register } from 'node:module';

register('./recordImportsHook.mjs', import.meta.url);
