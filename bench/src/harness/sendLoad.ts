import { newClientMessageId } from '@imkit/sdk';
import autocannon from 'autocannon';
import type { ServerChild } from './child.js';
import { type BenchUser, friendPair } from './imkitUsers.js';

const CONNECTIONS = 32;
const PAIRS = 8;

/** What one load run measured. */
export interface Load {
  reqPerSec: number;
  p99Ms: number;
  cpuPerRequestMs: number;
}

/** A user sending into one of its conversations. */
export type Sender = { user: BenchUser; conversationId: string };

/** One autocannon run against `server`; each connection sends as one of `senders`. */
export async function sendLoad(
  server: ServerChild,
  senders: Sender[],
  seconds: number,
): Promise<Load> {
  let next = 0;
  const cpuBefore = await server.cpu();
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context: { sender?: Sender }) => {
          context.sender ??= senders[next++ % senders.length] as Sender;
          const { user, conversationId } = context.sender;
          request.path = `/conversations/${conversationId}/messages`;
          request.headers = {
            'content-type': 'application/json',
            authorization: `Bearer ${user.token}`,
          };
          request.body = JSON.stringify({
            client_message_id: newClientMessageId(),
            content: { type: 'text', text: 'hello, this is a benchmark message' },
          });
          return request;
        },
      },
    ],
  });
  const cpu = (await server.cpu()) - cpuBefore;
  const ok = result['2xx'];
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `send load: ${result.non2xx} non-2xx, ${result.errors} errors on ${server.url}`,
    );
  }
  return { reqPerSec: ok / seconds, p99Ms: result.latency.p99, cpuPerRequestMs: cpu / 1000 / ok };
}

/** PAIRS friend pairs; both members of each send into their conversation. */
export async function sendersOf(url: string): Promise<Sender[]> {
  const pairs = await Promise.all(Array.from({ length: PAIRS }, () => friendPair(url)));
  return pairs.flatMap(({ a, b, conversationId }) => [
    { user: a, conversationId },
    { user: b, conversationId },
  ]);
}
