/**
 * File helpers of @imkit/sdk: uploading from a path or stream and downloading (operations
 * `uploadFile` and `downloadFile`). Filled in as files are implemented.
 * @packageDocumentation
 */
export {};
