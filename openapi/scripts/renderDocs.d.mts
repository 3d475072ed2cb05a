/** All generated Markdown files, keyed by their path under `docs/`. */
export function renderDocs(spec: object, tsv: string): Record<string, string>;
