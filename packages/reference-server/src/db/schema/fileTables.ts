/** Tables of uploaded files and where they were sent (migration `006_files`). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as files are implemented.
export interface FileTables {}
