import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defaultConfig } from '../config/loadConfig.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import { SNIFF_BYTES } from './sniffContentType.js';

/** What {@link FileStore.receive} wrote: a temporary file, not yet named by a file id. */
export interface ReceivedContent {
  /** Where the bytes are until {@link FileStore.keep} or {@link FileStore.discard}. */
  tempPath: string;
  /** Bytes written. */
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The first bytes (up to {@link SNIFF_BYTES}), for sniffing the content type. */
  head: Buffer;
}

/** Thrown by {@link FileStore.receive} when the source passes `limitBytes`. */
export class ContentTooLarge extends Error {
  override readonly name = 'ContentTooLarge';
}

/**
 * Where the bytes of uploaded files live: one file per upload, named by its id, in a folder
 * (`filesDir`, several server processes share it as a network volume). Uploads are streamed to a
 * temporary file in the same folder (hashed on the way) and renamed into place, so a reader never
 * sees half a file and a crash leaves only a temporary file behind.
 */
export interface FileStore {
  /** The folder. */
  readonly dir: string;
  /**
   * Streams `source` into a temporary file, hashing it and keeping its first bytes.
   * @param limitBytes the most bytes accepted.
   * @throws ContentTooLarge as soon as `source` passes `limitBytes` (the temporary file is
   *   removed, `source` is no longer read); an error of `source` or the disk otherwise.
   */
  receive(source: Readable, limitBytes: number): Promise<ReceivedContent>;
  /** Renames received content into place as file `id`. */
  keep(content: ReceivedContent, id: string): Promise<void>;
  /** Removes received content that will not be kept (never throws). */
  discard(content: ReceivedContent): Promise<void>;
  /**
   * A stream of file `id`'s bytes `start`..`end` (inclusive, default the whole file).
   * @throws the `fs` error (`ENOENT`) when the content is gone, once opened.
   */
  open(id: string, range?: { start: number; end: number }): Promise<fs.ReadStream>;
  /** Removes file `id`'s bytes; nothing happens when they are already gone. */
  remove(id: string): Promise<void>;
  /**
   * Removes temporary uploads last written before `before` (left by a process that crashed
   * mid-upload; an upload in progress is written to continuously).
   * @returns how many were removed.
   */
  removeStaleUploads(before: Date): Promise<number>;
}

/**
 * The folder of a configuration: `filesDir`, or `<dataDir>/files` when `filesDir` was left at
 * its default while `dataDir` was changed (as `createServer({ dataDir })` does).
 */
export function filesDirOf(config: ServerConfig): string {
  const defaulted =
    config.filesDir === defaultConfig.filesDir && config.dataDir !== defaultConfig.dataDir;
  return path.resolve(defaulted ? path.join(config.dataDir, 'files') : config.filesDir);
}

/** Prefix of temporary upload files, so they are never taken for a file id. */
const TEMP_PREFIX = '.upload-';

/** The file store of a configuration (see {@link filesDirOf}); the folder is created if missing. */
export function createFileStore(config: ServerConfig): FileStore {
  const dir = filesDirOf(config);
  fs.mkdirSync(dir, { recursive: true });
  const pathOf = (id: string) => path.join(dir, id);
  return {
    dir,
    async receive(source, limitBytes) {
      const tempPath = path.join(dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
      const hash = createHash('sha256');
      const heads: Buffer[] = [];
      let size = 0;
      let headBytes = 0;
      async function* measured(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > limitBytes) throw new ContentTooLarge(`over ${limitBytes} bytes`);
          if (headBytes < SNIFF_BYTES) {
            const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
            heads.push(Buffer.from(part));
            headBytes += part.length;
          }
          hash.update(chunk);
          yield chunk;
        }
      }
      try {
        await pipeline(source, measured, fs.createWriteStream(tempPath, { flags: 'wx' }));
      } catch (error) {
        await fsp.rm(tempPath, { force: true });
        throw error;
      }
      return { tempPath, size, sha256: hash.digest('hex'), head: Buffer.concat(heads) };
    },
    keep: (content, id) => fsp.rename(content.tempPath, pathOf(id)),
    discard: (content) => fsp.rm(content.tempPath, { force: true }).catch(() => {}),
    async open(id, range) {
      const stream = fs.createReadStream(pathOf(id), range);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    },
    remove: (id) => fsp.rm(pathOf(id), { force: true }),
    async removeStaleUploads(before) {
      let removed = 0;
      for (const entry of await fsp.readdir(dir)) {
        if (!entry.startsWith(TEMP_PREFIX)) continue;
        const file = path.join(dir, entry);
        const stat = await fsp.stat(file).catch(() => undefined);
        if (stat && stat.mtime < before) {
          await fsp.rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
