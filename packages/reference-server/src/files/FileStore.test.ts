import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/loadConfig.js';
import { ContentTooLarge, createFileStore, filesDirOf } from './FileStore.js';

describe('filesDirOf', () => {
  it('follows a changed dataDir unless filesDir was set', () => {
    expect(filesDirOf({ ...defaultConfig, dataDir: '/srv/imkit' })).toBe('/srv/imkit/files');
    expect(filesDirOf({ ...defaultConfig, dataDir: '/srv/imkit', filesDir: '/mnt/shared' })).toBe(
      '/mnt/shared',
    );
    expect(filesDirOf(defaultConfig)).toBe(path.resolve('data/files'));
  });
});

describe('FileStore', () => {
  function store() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-store-'));
    return createFileStore({ ...defaultConfig, dataDir: dir, filesDir: path.join(dir, 'f') });
  }

  it('receives, keeps, opens a range of and removes content', async () => {
    const files = store();
    const bytes = Buffer.from('0123456789');
    const received = await files.receive(
      Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]),
      10,
    );
    expect([received.size, received.head.toString()]).toEqual([10, '0123456789']);
    expect(received.sha256).toBe(
      '84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882',
    );
    await files.keep(received, 'f1');
    const chunks: Buffer[] = [];
    for await (const chunk of await files.open('f1', { start: 2, end: 4 })) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('234');
    await files.remove('f1');
    await expect(files.open('f1')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.readdirSync(files.dir)).toEqual([]);
  });

  it('stops at the limit and leaves no temporary file', async () => {
    const files = store();
    const source = Readable.from([Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(files.receive(source, 10)).rejects.toBeInstanceOf(ContentTooLarge);
    expect(fs.readdirSync(files.dir)).toEqual([]);
  });
});
