import type { ImkitClient } from '@imkit/sdk';
import { describe, expect, it } from 'vitest';
import { ReadMarker } from '../src/chat/readMarker.js';

/** A client whose `markConversationRead` calls the test answers one by one. */
function slowClient() {
  const marked: string[] = [];
  const pending: (() => void)[] = [];
  const client = {
    markConversationRead: (request: { body: { message_id: string } }) => {
      marked.push(request.body.message_id);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  } as unknown as ImkitClient;
  const answerAll = () => {
    for (const resolve of pending.splice(0)) resolve();
  };
  return { client, marked, answerAll };
}

async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('ReadMarker', () => {
  it('collapses the marks asked for during a request into one for the newest message', async () => {
    const { client, marked, answerAll } = slowClient();
    const marker = new ReadMarker({
      client,
      conversationId: 'c-1',
      minIntervalMs: 0,
      onError() {},
    });
    marker.markUpTo('m-1');
    marker.markUpTo('m-2');
    marker.markUpTo('m-3');
    expect(marked).toEqual(['m-1']);
    answerAll();
    await tick();
    expect(marked).toEqual(['m-1', 'm-3']);
    answerAll();
    await marker.flush();
    expect(marked).toEqual(['m-1', 'm-3']);
  });

  it('waits the interval between requests, unless flushed', async () => {
    const { client, marked, answerAll } = slowClient();
    const marker = new ReadMarker({
      client,
      conversationId: 'c-1',
      minIntervalMs: 60_000,
      onError() {},
    });
    marker.markUpTo('m-1');
    answerAll();
    await tick();
    marker.markUpTo('m-2');
    await tick();
    expect(marked).toEqual(['m-1']);
    const flushed = marker.flush();
    await tick();
    expect(marked).toEqual(['m-1', 'm-2']);
    answerAll();
    await flushed;
  });

  it('reports a failed request and goes on with the next mark', async () => {
    const errors: unknown[] = [];
    const marked: string[] = [];
    const client = {
      markConversationRead: async (request: { body: { message_id: string } }) => {
        marked.push(request.body.message_id);
        if (marked.length === 1) throw new Error('boom');
      },
    } as unknown as ImkitClient;
    const marker = new ReadMarker({
      client,
      conversationId: 'c-1',
      minIntervalMs: 0,
      onError: (err) => errors.push(err),
    });
    marker.markUpTo('m-1');
    await marker.flush();
    marker.markUpTo('m-2');
    await marker.flush();
    expect(marked).toEqual(['m-1', 'm-2']);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('does not mark the same message twice', async () => {
    const { client, marked, answerAll } = slowClient();
    const marker = new ReadMarker({
      client,
      conversationId: 'c-1',
      minIntervalMs: 0,
      onError() {},
    });
    marker.markUpTo('m-1');
    answerAll();
    await marker.flush();
    marker.markUpTo('m-1');
    await marker.flush();
    expect(marked).toEqual(['m-1']);
  });
});
