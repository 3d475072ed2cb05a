import type { FileInfo, ImkitClient, SendableMessageContent } from '@imkit/sdk';
import { CliError } from './errors.js';

/**
 * The message content that sends an uploaded file: image, audio or video by the type the server
 * sniffed from its bytes, anything else a `file` message with its name.
 */
export function contentForFile(file: FileInfo): SendableMessageContent {
  switch (file.file_type) {
    case 'image':
    case 'audio':
    case 'video':
      return { type: file.file_type, file_id: file.id };
    default:
      return { type: 'file', file_id: file.id, name: file.name };
  }
}

/**
 * Uploads a local file and returns the message content that sends it: image, audio, video or
 * file, chosen from the type the server sniffed from the bytes (used by `imkit send --file` and
 * `/file` in `imkit chat`). The file is streamed from disk, never read whole into memory.
 * @param path a path on this machine.
 * @throws CliError `cli.file_unreadable` naming the path when it cannot be read (missing, a
 *   folder, no permission); the SDK's `ImkitError` when the server refuses the upload
 *   (`file.too_large`, `file.type_not_allowed`).
 */
export async function attachmentContent(
  client: ImkitClient,
  path: string,
): Promise<SendableMessageContent> {
  const { uploadFileFromPath } = await import('@imkit/sdk');
  let file: FileInfo;
  try {
    file = await uploadFileFromPath(client, path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code;
      throw new CliError(`cannot read ${path}: ${reason}`, {
        code: 'cli.file_unreadable',
        cause: error,
      });
    }
    throw error;
  }
  return contentForFile(file);
}
