import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newClientMessageId } from '@imkit/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './support/serverProcess.js';
import { createTestStore } from './support/testBackend.js';
import { TEST_JWT_SECRET } from './support/testServer.js';
import { friendsWithConversation, newClient } from './support/users.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-crash-'));
const store = await createTestStore();
const env = { ...store.env, IMKIT_JWT_SECRET: TEST_JWT_SECRET };
afterAll(async () => {
  await store.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('loses no acknowledged message when the server is killed with SIGKILL mid-burst', async () => {
    const first = await startServerProcess(dataDir, env);
    const { alice, bob, conversationId } = await friendsWithConversation(first.url);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const acknowledged: string[] = [];
    let killed = false;
    const sender = async (worker: number) => {
      for (let i = 0; !killed; i += 1) {
        try {
          const message = await alice.client.sendMessage({
            path: { conversation_id: conversationId },
            body: {
              client_message_id: newClientMessageId(),
              content: { type: 'text', text: `w${worker} m${i}` },
            },
          });
          acknowledged.push(message.id);
        } catch {
          return; // the server died under this request: it was never acknowledged
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(sender));
    await exited;

    const second = await startServerProcess(dataDir, env);
    try {
      const reader = newClient(second.url);
      await reader.login({ body: { login: bob.username, password: bob.password } });
      const stored = new Set<string>();
      for await (const m of reader.iterateMessages(conversationId, { limit: 100 }))
        stored.add(m.id);
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
