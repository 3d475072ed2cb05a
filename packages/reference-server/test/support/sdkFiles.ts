import * as sdk from '@imkit/sdk';

/**
 * The SDK's Node-only file helpers, typed. `@imkit/sdk` resolves to its Node entry at run time,
 * but its `types` condition points at the shared type surface, which leaves them out.
 */
type NodeEntry = typeof import('../../../sdk/dist/node.js');

export const { uploadFileFromPath, openFileDownload, downloadFileToPath, fileNameFromDisposition } =
  sdk as unknown as NodeEntry;
