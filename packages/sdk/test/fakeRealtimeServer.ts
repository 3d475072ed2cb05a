import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type {
  RealtimeClientFrame,
  RealtimeEvent,
  RealtimeServerFrame,
} from '../src/generated/openapi.js';

/** One socket the fake server accepted, with every frame the client sent on it. */
export interface FakeConnection {
  socket: WebSocket;
  received: RealtimeClientFrame[];
  send(frame: RealtimeServerFrame): void;
}

export interface FakeServerOptions {
  /** Tokens the server accepts. Default: `access-1`. */
  validTokens?: string[];
  /** `hello.heartbeat_interval_ms`. Default: 25000. */
  heartbeatIntervalMs?: number;
  /** When false the server never answers `ping`. Default: true. */
  answerPings?: boolean;
  /** `hello.access_expires_in_ms` and `reauthenticated.access_expires_in_ms`. Default: 900000. */
  accessExpiresInMs?: number;
}

/** A `message.created` event whose message id is `m<position>`. */
export function messageEvent(position: number): RealtimeEvent {
  return {
    type: 'message.created',
    data: {
      id: `m${position}`,
      conversation_id: 'c1',
      sender: { id: 'u2', username: 'bob', nickname: null, avatar_url: null, deleted: false },
      client_message_id: null,
      content: { type: 'text', text: `hello ${position}` },
      created_at: '2026-11-21T09:35:00.000Z',
    },
  };
}

/**
 * A realtime server that speaks the imkit protocol over `ws` on a random port: answers `auth`
 * with `hello` and then replays `log` after `since`; refuses unknown tokens with 4401; answers
 * a `reauth` with a known token with `reauthenticated`.
 */
export async function startFakeRealtimeServer(options: FakeServerOptions = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  const connections: FakeConnection[] = [];
  const log: number[] = [];
  const validTokens = options.validTokens ?? ['access-1'];

  const onAuth = (
    connection: FakeConnection,
    frame: Extract<RealtimeClientFrame, { type: 'auth' }>,
  ) => {
    if (!validTokens.includes(frame.access_token)) {
      const error = {
        type: 'about:blank',
        title: 'Unauthenticated',
        status: 401,
        code: 'realtime.unauthenticated' as const,
      };
      connection.send({ type: 'error', error });
      connection.socket.close(4401, 'unauthenticated');
      return;
    }
    const head = log.at(-1) ?? 0;
    const heartbeat_interval_ms = options.heartbeatIntervalMs ?? 25_000;
    connection.send({
      type: 'hello',
      user_id: 'u1',
      head_position: head,
      resume_from: frame.since ?? null,
      heartbeat_interval_ms,
      access_expires_in_ms: options.accessExpiresInMs ?? 900_000,
    });
    for (const position of log) {
      if (frame.since !== undefined && position > frame.since) {
        connection.send({ type: 'event', position, event: messageEvent(position) });
      }
    }
  };

  wss.on('connection', (socket) => {
    const connection: FakeConnection = {
      socket,
      received: [],
      send: (frame) => socket.send(JSON.stringify(frame)),
    };
    connections.push(connection);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as RealtimeClientFrame;
      connection.received.push(frame);
      if (frame.type === 'auth') onAuth(connection, frame);
      if (frame.type === 'reauth' && validTokens.includes(frame.access_token)) {
        const access_expires_in_ms = options.accessExpiresInMs ?? 900_000;
        connection.send({ type: 'reauthenticated', access_expires_in_ms });
      }
      if (frame.type === 'ping' && options.answerPings !== false) connection.send({ type: 'pong' });
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    connections,
    /** Appends events to the stream and pushes them to the newest connection. */
    publish(positions: number[]) {
      for (const position of positions) {
        if (!log.includes(position)) log.push(position);
        connections.at(-1)?.send({ type: 'event', position, event: messageEvent(position) });
      }
    },
    /** Appends events to the stream without pushing them (they happen while the client is away). */
    append(positions: number[]) {
      log.push(...positions);
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await once(wss, 'close');
    },
  };
}
