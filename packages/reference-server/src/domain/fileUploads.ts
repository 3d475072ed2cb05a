import type { FilesTable } from '../db/schema/fileTables.js';
import { safeFileName } from '../files/fileNames.js';
import type { ReceivedUpload } from '../files/receiveUpload.js';
import { sniffContentType } from '../files/sniffContentType.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { toFileInfo } from './fileViews.js';
import { newId } from './ids.js';
import type { Services } from './Services.js';

/** Bounds of `expires_in_seconds` (UploadFileRequest): 1 hour to 30 days. */
const MIN_EXPIRY_S = 3600;
const MAX_EXPIRY_S = 2_592_000;

function invalidField(field: string, detail: string): ApiError {
  return new ApiError(422, 'validation.failed', 'The request has 1 invalid field.', {
    errors: [{ pointer: `/body/${field}`, detail, keyword: 'multipart' }],
  });
}

/**
 * The lifetime of an unsent upload in ms: `expires_in_seconds` when sent (checked against its
 * bounds), else the server's `unsentFileTtlMs`.
 * @throws ApiError 422 `validation.failed` pointing at `/body/expires_in_seconds`.
 */
function lifetimeMs(sent: string | undefined, defaultMs: number): number {
  if (sent === undefined) return defaultMs;
  const seconds = /^\d{1,10}$/.test(sent) ? Number(sent) : Number.NaN;
  if (!(seconds >= MIN_EXPIRY_S && seconds <= MAX_EXPIRY_S)) {
    throw invalidField(
      'expires_in_seconds',
      `must be an integer from ${MIN_EXPIRY_S} to ${MAX_EXPIRY_S}`,
    );
  }
  return seconds * 1000;
}

/**
 * The conversation named by `conversation_id`, which the caller must be a current member of.
 * @throws ApiError 422 `validation.failed` pointing at `/body/conversation_id`.
 */
async function checkConversation(
  services: Services,
  callerId: string,
  sent: string | undefined,
): Promise<string | null> {
  if (sent === undefined) return null;
  if (sent.length < 1 || sent.length > 64) {
    throw invalidField('conversation_id', 'must be 1 to 64 characters');
  }
  const member = await services.db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', sent)
    .where('user_id', '=', callerId)
    .where('left_position', 'is', null)
    .executeTakeFirst();
  if (!member) throw invalidField('conversation_id', 'names no conversation you are a member of');
  return sent;
}

/**
 * Stores a received upload as the caller's file (operation `uploadFile`): checks the form fields,
 * sniffs the content type from the bytes, moves the content into place and records the file.
 * On any refusal the received content is removed.
 * @param origin the origin the client reached the server through (the base of download URLs).
 * @throws ApiError 422 `file.type_not_allowed` for executables, 422 `validation.failed` for
 *   `conversation_id` or `expires_in_seconds`.
 */
export async function storeUpload(
  services: Services,
  callerId: string,
  upload: ReceivedUpload,
  origin: string,
): Promise<Schema<'FileInfo'>> {
  const { content } = upload;
  let kept: string | undefined;
  try {
    const ttlMs = lifetimeMs(upload.fields.expires_in_seconds, services.config.unsentFileTtlMs);
    const conversationId = await checkConversation(
      services,
      callerId,
      upload.fields.conversation_id,
    );
    const sniffed = await sniffContentType(content.head, content.size);
    if (sniffed.executable) {
      throw new ApiError(422, 'file.type_not_allowed', 'Executable files cannot be uploaded.', {
        errors: [{ pointer: '/body/file', detail: 'is an executable', keyword: 'content-type' }],
      });
    }
    const now = new Date();
    const row: FilesTable = {
      id: newId(),
      owner_id: callerId,
      conversation_id: conversationId,
      name: safeFileName(upload.fileName, sniffed.extension),
      size: content.size,
      content_type: sniffed.contentType,
      file_type: sniffed.fileType,
      etag: `"${content.sha256}"`,
      origin,
      is_public: 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      deleted_at: null,
    };
    await services.files.keep(content, row.id);
    kept = row.id;
    await services.work(async (trx) => {
      await trx.insertInto('files').values(row).execute();
    }, row.id);
    return toFileInfo(row, origin);
  } catch (error) {
    if (kept) await services.files.remove(kept).catch(() => {});
    else await services.files.discard(content);
    throw error;
  }
}
