import { fileTypeFromBuffer } from 'file-type';
import type { Schema } from '../spec/operationTypes.js';

/** How many first bytes of an upload are kept for sniffing. */
export const SNIFF_BYTES = 4100;

/** What the bytes of an upload are. */
export interface SniffedType {
  /** A media type without parameters for binary formats; `text/plain; charset=utf-8` for text. */
  contentType: string;
  fileType: Schema<'FileType'>;
  /** A usual file name extension (`png`), or undefined when unknown. */
  extension: string | undefined;
  /** True for programs (Windows PE/MSI, ELF, Mach-O, scripts starting with `#!`): refused. */
  executable: boolean;
}

/** What `file-type` calls programs: Windows PE and MSI, ELF, Mach-O. Refused as uploads. */
const EXECUTABLE_MIMES = new Set([
  'application/x-msdownload',
  'application/x-msi',
  'application/x-elf',
  'application/x-mach-binary',
]);

/** A script starting with `#!`: a program too, though `file-type` sees no format in it. */
const SHEBANG = [0x23, 0x21];

/** Document formats shown with a document icon (besides text). */
const DOCUMENT_MIMES = new Set(['application/pdf', 'application/rtf', 'application/epub+zip']);

function startsWith(head: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

/** Control characters text may contain: tab, newline, form feed, carriage return. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** True when `head` decodes as UTF-8 without control characters other than whitespace. */
function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  // A multi-byte character may be cut at the end of the head: drop up to 3 trailing bytes.
  const slice = complete ? head : head.subarray(0, Math.max(0, head.length - 3));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(slice);
  } catch {
    return false;
  }
  // Controls other than tab, newline, form feed and carriage return mean binary.
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && !TEXT_CONTROLS.has(code)) || code === 0x7f) return false;
  }
  return true;
}

/** The coarse kind of a media type (`FileType`). */
export function fileTypeOf(contentType: string): Schema<'FileType'> {
  const mime = contentType.split(';')[0]!.trim();
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('text/') || DOCUMENT_MIMES.has(mime)) return 'document';
  return 'other';
}

/**
 * Sniffs the content type of an upload from its first bytes (`file-type`), never from what the
 * client claimed; UTF-8 text is `text/plain; charset=utf-8`, anything unknown
 * `application/octet-stream`.
 * @param head the first bytes (up to {@link SNIFF_BYTES}).
 * @param size the upload's whole size in bytes (to know whether `head` is all of it).
 */
export async function sniffContentType(head: Uint8Array, size: number): Promise<SniffedType> {
  const executable = startsWith(head, SHEBANG);
  const found = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  if (found) {
    return {
      contentType: found.mime,
      fileType: fileTypeOf(found.mime),
      extension: found.ext,
      executable: executable || EXECUTABLE_MIMES.has(found.mime),
    };
  }
  if (head.length > 0 && looksLikeText(head, head.length >= size)) {
    return {
      contentType: 'text/plain; charset=utf-8',
      fileType: 'document',
      extension: 'txt',
      executable,
    };
  }
  return {
    contentType: 'application/octet-stream',
    fileType: 'other',
    extension: undefined,
    executable,
  };
}
