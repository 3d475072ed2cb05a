import { describe, expect, it } from 'vitest';
import { contentForFile } from '../src/attachments.js';
import { localFileName } from '../src/localFileName.js';

describe('localFileName: a server-sent name made safe to create here', () => {
  it.each([
    ['summit.png', 'summit.png'],
    ['../../.bashrc', 'bashrc'],
    ['C:\\Windows\\evil.dll', 'evil.dll'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['evil\u202egnp.exe', 'evilgnp.exe'],
    ['CON.txt', '_CON.txt'],
    ['trailing. ', 'trailing'],
    ['...', 'download'],
    ['', 'download'],
    [null, 'download'],
  ])('%j → %j', (sent, expected) => {
    expect(localFileName(sent)).toBe(expected);
  });

  it('keeps at most 200 characters', () => {
    expect(localFileName('x'.repeat(300))).toHaveLength(200);
  });
});

describe('contentForFile: the message type follows the sniffed file type', () => {
  const file = {
    id: 'f1',
    name: 'x.bin',
    size: 1,
    content_type: 'application/octet-stream',
    etag: '"e"',
    owner_id: 'u1',
    conversation_id: null,
    url: 'http://imkit.test/files/f1/content',
    created_at: '2026-01-01T00:00:00Z',
    expires_at: null,
  };
  it.each([
    ['image', { type: 'image', file_id: 'f1' }],
    ['audio', { type: 'audio', file_id: 'f1' }],
    ['video', { type: 'video', file_id: 'f1' }],
    ['document', { type: 'file', file_id: 'f1', name: 'x.bin' }],
    ['other', { type: 'file', file_id: 'f1', name: 'x.bin' }],
  ] as const)('%s', (fileType, expected) => {
    expect(contentForFile({ ...file, file_type: fileType })).toEqual(expected);
  });
});
