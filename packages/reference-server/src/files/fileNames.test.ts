import { describe, expect, it } from 'vitest';
import { asciiFileName, safeFileName } from './fileNames.js';

describe('safeFileName', () => {
  it.each([
    ['photo.jpg', undefined, 'photo.jpg'],
    ['../../etc/passwd', undefined, 'passwd'],
    ['C:\\a\\b.txt', undefined, 'b.txt'],
    ['  .hidden ', undefined, 'hidden'],
    ['a\u0000b\u001fc\u007f.txt', undefined, 'abc.txt'],
    ['x\u202etxt.exe', undefined, 'xtxt.exe'],
    ['', 'png', 'file.png'],
    [undefined, undefined, 'file'],
  ] as const)('%j → %j', (sent, extension, expected) => {
    expect(safeFileName(sent, extension)).toBe(expected);
  });

  it('keeps at most 255 characters, extension included', () => {
    const kept = safeFileName(`${'é'.repeat(300)}.pdf`, undefined);
    expect(Array.from(kept)).toHaveLength(255);
    expect(kept.endsWith('.pdf')).toBe(true);
  });
});

describe('asciiFileName', () => {
  it('drops accents and replaces what plain ASCII cannot say', () => {
    expect(asciiFileName('Résumé "v2" 100%.pdf')).toBe('Resume _v2_ 100_.pdf');
    expect(asciiFileName('照片.png')).toBe('__.png');
  });
});
