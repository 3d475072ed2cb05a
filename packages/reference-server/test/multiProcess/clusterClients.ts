import {
  createImkitClient,
  type ImkitClient,
  MemoryTokenStore,
  type RealtimeClient,
  type WebSocketConstructor,
} from '@imkit/sdk';
import { WebSocket } from 'ws';
import { checkResponse } from '../support/contractCheck.js';

/**
 * The load balancer answered instead of a server process (its own 502, 503 or 504 page, not
 * JSON): no process took the request, or the one that did died under it. A client retries.
 */
export class GatewayError extends Error {
  override name = 'GatewayError';
}

const violations: string[] = [];

/** Returns and clears the contract violations {@link clusterFetch} saw. */
export function takeClusterViolations(): string[] {
  return violations.splice(0, violations.length);
}

/**
 * The `fetch` of every client of the cluster: the servers' answers are checked against the spec
 * (violations kept for {@link takeClusterViolations}); the balancer's own error pages, which are
 * not the servers' answers, become a {@link GatewayError} (the SDK reports it as `network.failed`).
 */
export const clusterFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const type = response.headers.get('content-type') ?? '';
  if ([502, 503, 504].includes(response.status) && !type.includes('json')) {
    throw new GatewayError(`${request.method} ${request.url}: nginx answered ${response.status}`);
  }
  const text = await response.clone().text();
  const body = text === '' ? undefined : (JSON.parse(text) as unknown);
  violations.push(...checkResponse(request.method, request.url, response.status, type, body));
  return response;
};

/** A registered user whose one session is shared by a client per process (and the balancer). */
export interface ClusterUser {
  id: string;
  username: string;
  tokens: MemoryTokenStore;
  /** An SDK client of this user's session that talks to `url` (a process or the balancer). */
  via(url: string): ImkitClient;
}

let counter = 0;

/** Registers a fresh user through `url`. */
export async function registerClusterUser(url: string, name: string): Promise<ClusterUser> {
  counter += 1;
  const username = `${name}${counter}_${process.pid % 10_000}`.slice(0, 20);
  const tokens = new MemoryTokenStore();
  const clients = new Map<string, ImkitClient>();
  const via = (at: string) => {
    let client = clients.get(at);
    if (!client) {
      client = createImkitClient({ baseUrl: at, fetch: clusterFetch, tokenStore: tokens });
      clients.set(at, client);
    }
    return client;
  };
  const session = await via(url).register({
    body: { username, password: 'correct horse battery', email: `${username}@example.com` },
  });
  return { id: session.user.id, username, tokens, via };
}

/**
 * Makes `a` and `b` friends and opens their direct conversation, each step through `urls` in
 * turn (so the steps land on different processes).
 * @returns the conversation id.
 */
export async function directConversation(
  a: ClusterUser,
  b: ClusterUser,
  urls: string[],
): Promise<string> {
  const at = (i: number) => urls[i % urls.length]!;
  const request = await a.via(at(0)).sendFriendRequest({ body: { user_id: b.id, message: 'hi' } });
  await b.via(at(1)).acceptFriendRequest({ path: { request_id: request.id } });
  const conversation = await a.via(at(2)).openDirectConversation({ body: { user_id: b.id } });
  return conversation.id;
}

/** One `event` frame as it arrived on the wire, before the SDK saw it. */
export interface WireEvent {
  /** Which of the receiver's sockets it came on (0 for the first). */
  socket: number;
  position: number;
  type: string;
  /** The message id, for `message.created`. */
  messageId?: string;
}

/** A message the SDK delivered to the application. */
export interface DeliveredMessage {
  id: string;
  conversationId: string;
  position: number;
}

/** A realtime client whose every frame and delivery is recorded. */
export interface Receiver {
  user: ClusterUser;
  realtime: RealtimeClient;
  /** The base URL each of its sockets connected to, in order. */
  socketUrls: string[];
  /** Every `event` frame received, in arrival order, across its sockets. */
  wire: WireEvent[];
  /** Every `message.created` the SDK delivered, in order. */
  delivered: DeliveredMessage[];
  /** `reconnecting` notifications. */
  reconnects: number;
  /** `resync` notifications other than the one right after the first `hello` (events lost). */
  lateResyncs: number[];
}

/**
 * A WebSocket constructor that sends socket number `n` (0 for the first) to `route(n)`, and
 * reports every frame before the SDK reads it.
 */
function routedWebSocket(
  route: (socket: number) => string,
  onOpen: (socket: number, url: string) => void,
  onFrame: (socket: number, data: string) => void,
): WebSocketConstructor {
  let sockets = 0;
  return function RoutedWebSocket() {
    const socket = sockets++;
    const url = route(socket);
    onOpen(socket, url);
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/realtime`);
    ws.on('message', (data) => onFrame(socket, String(data)));
    return ws;
  } as unknown as WebSocketConstructor;
}

/**
 * Connects `user`'s realtime client: its first socket to `first`, every later one (reconnects)
 * to `then`: a client pinned to one process that reconnects through the balancer when it dies.
 * Resolves once connected (`hello`).
 */
export async function connectReceiver(
  user: ClusterUser,
  first: string,
  then: string = first,
): Promise<Receiver> {
  const receiver: Receiver = {
    user,
    realtime: undefined as unknown as RealtimeClient,
    socketUrls: [],
    wire: [],
    delivered: [],
    reconnects: 0,
    lateResyncs: [],
  };
  const WebSocketClass = routedWebSocket(
    (socket) => (socket === 0 ? first : then),
    (_socket, url) => receiver.socketUrls.push(url),
    (socket, data) => {
      const frame = JSON.parse(data) as {
        type: string;
        position?: number;
        event?: { type: string; data?: { id?: string } };
      };
      if (frame.type !== 'event' || frame.position === undefined) return;
      const type = frame.event?.type ?? '?';
      const messageId = type === 'message.created' ? frame.event?.data?.id : undefined;
      receiver.wire.push({ socket, position: frame.position, type, messageId });
    },
  );
  const client = createImkitClient({
    baseUrl: first,
    fetch: clusterFetch,
    tokenStore: user.tokens,
    WebSocket: WebSocketClass,
  });
  const realtime = client.realtime({ reconnect: { initialDelayMs: 50, maxDelayMs: 400 } });
  receiver.realtime = realtime;
  let opens = 0;
  realtime.on('open', () => {
    opens += 1;
  });
  realtime.on('reconnecting', () => {
    receiver.reconnects += 1;
  });
  realtime.on('resync', ({ head_position }) => {
    if (opens > 1 || receiver.wire.length > 0) receiver.lateResyncs.push(head_position);
  });
  realtime.on('message.created', (message, { position }) => {
    receiver.delivered.push({ id: message.id, conversationId: message.conversation_id, position });
  });
  await realtime.connect();
  return receiver;
}
