/** Types generated from the bundled spec by openapi-typescript at build time (never edited by hand). */
export type { components, operations, paths } from '../generated/openapi.js';
