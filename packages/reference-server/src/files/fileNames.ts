/**
 * Whether a character is dropped from file names: C0 and C1 controls, and the bidirectional
 * marks and overrides that make `evil\u202Egnp.exe` look like `evilexe.png`.
 */
function isUnsafe(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Longest file name kept, in characters (`FileInfo.name`). */
const MAX_NAME_LENGTH = 255;

/**
 * A file name safe to store and show: the last path segment of what the client sent, without
 * control or bidirectional-override characters, trimmed, at most 255 characters (keeping the
 * extension); `file` (plus the sniffed extension) when nothing is left.
 * @param extension the sniffed extension, used only when the name is empty.
 */
export function safeFileName(sent: string | undefined, extension: string | undefined): string {
  const lastSegment = (sent ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = Array.from(lastSegment.normalize('NFC'))
    .filter((char) => !isUnsafe(char))
    .join('')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned === '') return extension ? `file.${extension}` : 'file';
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (ext.length > 16) return chars.slice(0, MAX_NAME_LENGTH).join('');
  return chars.slice(0, MAX_NAME_LENGTH - ext.length).join('') + ext.join('');
}

/**
 * The plain-ASCII stand-in of a file name for the `filename` parameter of `Content-Disposition`
 * (RFC 6266): accents dropped, other non-ASCII characters and quotes/backslashes as `_`. The
 * full name goes in `filename*` (RFC 5987).
 */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}
