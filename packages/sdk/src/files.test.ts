import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './files.js';

describe('fileNameFromDisposition', () => {
  it.each([
    ['attachment; filename="a.txt"', 'a.txt'],
    ['inline; filename="summit.png"', 'summit.png'],
    [`attachment; filename="Resume.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`, 'Résumé.pdf'],
    ['attachment; filename="say \\"hi\\".txt"', 'say "hi".txt'],
    ['attachment; filename=plain.txt', 'plain.txt'],
    [`attachment; filename="x.txt"; filename*=UTF-8''%E0%A4%A`, 'x.txt'],
    ['attachment', null],
    [null, null],
  ])('%j → %j', (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });
});
