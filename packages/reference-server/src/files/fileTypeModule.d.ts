/** Types of `file-type` 3.x (CommonJS, no bundled types): detection from a file's first bytes. */
declare module 'file-type' {
  /** The type of `buffer`'s first bytes (262 are enough), or null when unknown. */
  const fileType: (buffer: Uint8Array) => { ext: string; mime: string } | null;
  export default fileType;
}
