/**
 * The SDK's Node file helpers (`uploadFileFromPath`, `downloadFileToPath`, `openFileDownload`),
 * loaded only when a command needs them. `@imkit/sdk` resolves to its Node entry at run time,
 * but its `types` condition is the shared type surface, which leaves the Node-only helpers out.
 */
export type SdkFileHelpers = Pick<
  typeof import('../../sdk/dist/node.js'),
  'uploadFileFromPath' | 'downloadFileToPath' | 'openFileDownload'
>;

/** Loads the SDK's file helpers. */
export async function loadFileHelpers(): Promise<SdkFileHelpers> {
  return (await import('@imkit/sdk')) as unknown as SdkFileHelpers;
}
