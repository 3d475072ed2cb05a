import { newClientMessageId } from '@imkit/sdk';
import autocannon from 'autocannon';
import type { ServerChild } from './child.js';
import { type BenchUser, friendPair } from './imkitUsers.js';

/** Connections of every send load run (autocannon). */
export const SEND_CONNECTIONS = 32;
const PAIRS = 8;

/** What one load run measured. */
export interface Load {
  /** Sends acknowledged (2xx) in the run. */
  requests: number;
  reqPerSec: number;
  p99Ms: number;
  cpuPerRequestMs: number;
  /**
   * The `client_message_id` of every acknowledged send, read from the 201 answers; only when
   * `sendLoad` was asked to record them (parsing every answer costs the load generator CPU).
   */
  acknowledged?: string[];
  /** Requests that failed (non-2xx answers, errors), when `sendLoad` was asked to count them. */
  failed?: number;
  /** What failed: status codes, error counts and the refusals' bodies. */
  failures?: string;
}

/** A user sending into one of its conversations. */
export type Sender = { user: BenchUser; conversationId: string };

/** The CPU time (µs) of every server in `servers`, added up. */
async function cpuOf(servers: readonly ServerChild[]): Promise<number> {
  const each = await Promise.all(servers.map((server) => server.cpu()));
  return each.reduce((sum, cpu) => sum + cpu, 0);
}

/**
 * One autocannon run of `seconds` with 32 connections; each connection sends as one of
 * `senders`. Given several servers (processes sharing one database), the connections are
 * spread over them in turn (autocannon's multiple targets), and the CPU is their sum.
 * @param options.recordAcknowledged also return the client ids of the acknowledged sends.
 * @param options.countFailures return failed requests (answers other than 2xx, socket errors,
 *   timeouts) in `failed` and `failures` instead of throwing.
 * @throws Error naming the status codes (and the bodies of the refusals) when any answer was
 *   not 2xx or a request failed (unless counted), or when no send at all was acknowledged.
 */
export async function sendLoad(
  server: ServerChild | readonly ServerChild[],
  senders: Sender[],
  seconds: number,
  options: { recordAcknowledged?: boolean; countFailures?: boolean } = {},
): Promise<Load> {
  const servers = Array.isArray(server) ? server : [server as ServerChild];
  let next = 0;
  const acknowledged: string[] = [];
  const refusals = new Map<string, number>();
  const onResponse = (status: number, body: string) => {
    if (status === 201 && options.recordAcknowledged) {
      acknowledged.push((JSON.parse(body) as { client_message_id: string }).client_message_id);
    } else if (status >= 300) {
      const key = `${status} ${body.slice(0, 200)}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    }
  };
  const cpuBefore = await cpuOf(servers);
  const result = await autocannon({
    url: servers.map((s) => s.url),
    connections: SEND_CONNECTIONS,
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
        onResponse,
      },
    ],
  });
  const cpu = (await cpuOf(servers)) - cpuBefore;
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors;
  const statuses = Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${count} x ${status}`)
    .join(', ');
  const bodies = [...refusals].map(([answer, count]) => `${count} x ${answer}`).join('; ');
  const failures = `${result.non2xx} non-2xx, ${result.errors} errors (${result.timeouts} timeouts; answers: ${statuses}; refusals: ${bodies || 'none'})`;
  if (failed > 0 && !options.countFailures) {
    throw new Error(`send load: ${failures} on ${servers.map((s) => s.url).join(' ')}`);
  }
  if (ok === 0) {
    throw new Error(`send load: no send acknowledged in ${seconds} s; ${failures}`);
  }
  return {
    ...(options.recordAcknowledged ? { acknowledged } : {}),
    ...(failed > 0 ? { failed, failures } : {}),
    requests: ok,
    reqPerSec: ok / seconds,
    p99Ms: result.latency.p99,
    cpuPerRequestMs: cpu / 1000 / ok,
  };
}

/** PAIRS friend pairs; both members of each send into their conversation. */
export async function sendersOf(url: string): Promise<Sender[]> {
  const pairs = await Promise.all(Array.from({ length: PAIRS }, () => friendPair(url)));
  return pairs.flatMap(({ a, b, conversationId }) => [
    { user: a, conversationId },
    { user: b, conversationId },
  ]);
}
