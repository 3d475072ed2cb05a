import { requireReadableFile } from '../domain/fileAccess.js';
import { deleteFile } from '../domain/fileDeletion.js';
import { listFiles } from '../domain/fileList.js';
import { storeUpload } from '../domain/fileUploads.js';
import { isContentGone, toFileInfo } from '../domain/fileViews.js';
import type { Services } from '../domain/Services.js';
import { lingerThenClose } from '../files/lingeringClose.js';
import { receiveUpload } from '../files/receiveUpload.js';
import { requestOrigin } from '../files/requestOrigin.js';
import { serveFile } from '../files/serveFile.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

function contentGone(): ApiError {
  return new ApiError(410, 'file.expired', 'The file expired or was deleted.');
}

/** Handlers for files: upload, list, get, delete and download. */
export function fileHandlers(services: Services): OperationHandlers {
  return {
    async uploadFile({ auth, ctx }) {
      const origin = requestOrigin(ctx, services.config.publicUrl);
      let upload: Awaited<ReturnType<typeof receiveUpload>>;
      try {
        upload = await receiveUpload(ctx.req, services.files, services.config.maxUploadBytes);
      } catch (error) {
        // The rest of the body stays unread: drop it for a while, then hang up.
        lingerThenClose(ctx.req, ctx.res, services.config.maxUploadBytes);
        throw error;
      }
      return { status: 201, body: await storeUpload(services, auth.userId, upload, origin) };
    },
    async listFiles({ auth, query, ctx }) {
      return {
        status: 200,
        body: await listFiles(
          services,
          auth.userId,
          query,
          requestOrigin(ctx, services.config.publicUrl),
        ),
      };
    },
    async getFile({ auth, path, ctx }) {
      const row = await requireReadableFile(services.db, path.file_id, auth.userId);
      return { status: 200, body: toFileInfo(row, requestOrigin(ctx, services.config.publicUrl)) };
    },
    async deleteFile({ auth, path }) {
      await deleteFile(services, auth.userId, path.file_id);
      return { status: 204 };
    },
    async downloadFile({ auth, path, ctx }) {
      const row = await requireReadableFile(services.db, path.file_id, auth.userId);
      if (isContentGone(row, new Date().toISOString())) throw contentGone();
      try {
        return await serveFile(ctx, row, services.files);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') throw contentGone();
        throw error;
      }
    },
  };
}
