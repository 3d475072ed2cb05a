/** Longest default file name written, in characters. */
const MAX_LENGTH = 200;

/**
 * A file name safe to create in the current folder from a name a server sent: its last path
 * segment only, without control characters, bidirectional overrides or characters Windows
 * forbids, not hidden (no leading dot), not a reserved device name; `download` when nothing
 * is left.
 */
export function localFileName(sent: string | null | undefined): string {
  const segment = (sent ?? '').split(/[/\\]/).pop() ?? '';
  let name = Array.from(segment.normalize('NFC'))
    .filter((char) => {
      const code = char.codePointAt(0)!;
      return !(
        code < 0x20 ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069) ||
        code === 0x200e ||
        code === 0x200f
      );
    })
    .map((char) => ('<>:"|?*'.includes(char) ? '_' : char))
    .join('')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  if (name === '') return 'download';
  const chars = Array.from(name);
  return chars.length > MAX_LENGTH ? chars.slice(0, MAX_LENGTH).join('') : name;
}
