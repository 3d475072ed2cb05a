import type { ImkitClient, SendableMessageContent } from '@imkit/sdk';

/**
 * Uploads a local file and returns the message content that sends it: image, audio, video or
 * file, chosen from the type the server sniffed from the bytes (used by `imkit send --file` and
 * `/file` in `imkit chat`).
 * @param path a path on this machine.
 * @throws an error naming the path when it cannot be read or the upload is refused.
 */
export async function attachmentContent(
  _client: ImkitClient,
  path: string,
): Promise<SendableMessageContent> {
  throw new Error(`sending files is not implemented yet (${path})`);
}
