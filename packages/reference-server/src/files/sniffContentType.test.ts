import { describe, expect, it } from 'vitest';
import { fileTypeOf, sniffContentType } from './sniffContentType.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('sniffContentType', () => {
  it('recognises formats from their magic numbers', async () => {
    expect(await sniffContentType(png, png.length)).toMatchObject({
      contentType: 'image/png',
      fileType: 'image',
      extension: 'png',
      executable: false,
    });
    const pdf = Buffer.from('%PDF-1.7\n');
    expect(await sniffContentType(pdf, pdf.length)).toMatchObject({
      contentType: 'application/pdf',
      fileType: 'document',
    });
  });

  it('takes UTF-8 without control characters for text, anything else as octet-stream', async () => {
    const text = Buffer.from('Grüße\r\n\tand more\n');
    expect((await sniffContentType(text, text.length)).contentType).toBe(
      'text/plain; charset=utf-8',
    );
    const binary = Buffer.from([0x00, 0x01, 0x02, 0x41]);
    expect(await sniffContentType(binary, binary.length)).toMatchObject({
      contentType: 'application/octet-stream',
      fileType: 'other',
      executable: false,
    });
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    expect((await sniffContentType(latin1, latin1.length)).contentType).toBe(
      'application/octet-stream',
    );
    // A head cut inside a multi-byte character is still text when the file goes on.
    const cut = Buffer.from('aé').subarray(0, 2);
    expect((await sniffContentType(cut, 100)).contentType).toBe('text/plain; charset=utf-8');
    expect((await sniffContentType(Buffer.alloc(0), 0)).contentType).toBe(
      'application/octet-stream',
    );
  });

  it('flags executables: PE, ELF, Mach-O and scripts', async () => {
    const heads = [
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
      Buffer.from('#!/usr/bin/env node\n'),
    ];
    for (const head of heads)
      expect((await sniffContentType(head, head.length)).executable).toBe(true);
  });
});

describe('fileTypeOf', () => {
  it.each([
    ['image/webp', 'image'],
    ['audio/ogg', 'audio'],
    ['video/mp4', 'video'],
    ['text/plain; charset=utf-8', 'document'],
    ['application/pdf', 'document'],
    ['application/zip', 'other'],
  ] as const)('%s → %s', (type, kind) => {
    expect(fileTypeOf(type)).toBe(kind);
  });
});
