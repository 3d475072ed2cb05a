import { chmod, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tokens } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionFile } from '../src/session/sessionFile.js';
import { SessionTokenStore } from '../src/session/sessionTokenStore.js';

const tokens: Tokens = {
  access_token: 'access-1',
  refresh_token: 'refresh-1',
  access_expires_at: 1_800_000_000_000,
  user_id: 'u-alice',
};
const server = 'http://127.0.0.1:8080';

let dir: string;
let file: SessionFile;

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'imkit-cli-')), 'nested', 'config');
  file = new SessionFile(dir);
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('SessionFile', () => {
  it('reads null when there is no session', async () => {
    expect(await file.read()).toBeNull();
  });

  it('writes the session with mode 0600 and reads it back', async () => {
    const session = { server, username: 'alice', tokens };
    await file.write(session);
    expect(await modeOf(file.path)).toBe(0o600);
    expect(await file.read()).toEqual(session);
  });

  it('tightens a session file that had wider permissions', async () => {
    await file.write({ server, username: 'alice', tokens });
    await chmod(file.path, 0o644);
    await file.write({ server, username: 'alice', tokens: { ...tokens, access_token: 'a2' } });
    expect(await modeOf(file.path)).toBe(0o600);
  });

  it('treats a corrupt file as no session', async () => {
    await file.write({ server, username: 'alice', tokens });
    await writeFile(file.path, '{not json');
    expect(await file.read()).toBeNull();
  });

  it('clears the session, also when there is none', async () => {
    await file.write({ server, username: 'alice', tokens });
    await file.clear();
    await file.clear();
    expect(await file.read()).toBeNull();
  });
});

describe('SessionTokenStore', () => {
  it('round-trips tokens through the file', async () => {
    const store = new SessionTokenStore(file, server);
    await store.save(tokens);
    expect(await new SessionTokenStore(new SessionFile(dir), server).load()).toEqual(tokens);
    expect(await modeOf(file.path)).toBe(0o600);
  });

  it('keeps the username when refreshed tokens of the same user are saved', async () => {
    const store = new SessionTokenStore(file, server);
    await store.save(tokens);
    await store.setUsername('alice');
    await store.save({ ...tokens, access_token: 'access-2', refresh_token: 'refresh-2' });
    expect(await file.read()).toEqual({
      server,
      username: 'alice',
      tokens: { ...tokens, access_token: 'access-2', refresh_token: 'refresh-2' },
    });
  });

  it('loads nothing for another server', async () => {
    await new SessionTokenStore(file, server).save(tokens);
    expect(await new SessionTokenStore(file, 'http://elsewhere:1').load()).toBeNull();
  });

  it('deletes the session when the SDK saves null', async () => {
    const store = new SessionTokenStore(file, server);
    await store.save(tokens);
    await store.save(null);
    expect(await file.read()).toBeNull();
  });
});
