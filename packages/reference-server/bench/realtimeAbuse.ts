/**
 * Realtime abuse benchmark (issue 6 #1, #2): the latency another user sees (`/health` and live
 * delivery of a message) and the server's memory while one socket abuses the realtime
 * endpoint, against a baseline without abuse measured in the same run. The tests assert
 * generous bounds; this script prints the precise figures.
 *
 * Run from packages/reference-server (after `npm run build -w @imkit/sdk`):
 *   npx tsx bench/realtimeAbuse.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImkitClient, type ImkitClient, newClientMessageId } from '@imkit/sdk';
import { WebSocket } from 'ws';
import { createServer } from '../src/index.js';

const ROUNDS = 40;

interface Figures {
  health: number[];
  delivery: number[];
  memoryGrowthMb: number;
  closed: string;
}

let counter = 0;
async function register(url: string): Promise<{ client: ImkitClient; id: string }> {
  counter += 1;
  const client = createImkitClient({ baseUrl: url });
  const username = `bench${counter}_${process.pid % 1000}`;
  const session = await client.register({
    body: { username, password: 'correct horse battery', email: `${username}@example.com` },
  });
  return { client, id: session.user.id };
}

/** Two friends and their conversation. */
async function pair(url: string) {
  const [a, b] = [await register(url), await register(url)];
  const request = await a.client.sendFriendRequest({ body: { user_id: b.id } });
  await b.client.acceptFriendRequest({ path: { request_id: request.id } });
  const conversation = await a.client.openDirectConversation({ body: { user_id: b.id } });
  return { a, b, conversationId: conversation.id };
}

const send = (client: ImkitClient, conversationId: string, text: string) =>
  client.sendMessage({
    path: { conversation_id: conversationId },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
  });

const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (values: number[], p: number) =>
  [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Opens an authenticated socket for the abuser; resolves at `hello`. */
async function abuserSocket(url: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/realtime`);
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'auth', access_token: token, since: 0 }));
  await new Promise<void>((resolve) =>
    ws.on('message', (data) => String(data).includes('"hello"') && resolve()),
  );
  return ws;
}

function wideFrame(): string {
  const frame: Record<string, unknown> = { type: 'ack', position: 1 };
  for (let i = 0; i < 1000; i += 1) frame[`p${i}`.padEnd(8, 'x')] = 1;
  return JSON.stringify(frame);
}

const scenarios: Record<string, (ws: WebSocket) => void> = {
  baseline: () => {},
  'resume flood (2,000 frames)': (ws) => {
    for (let i = 0; i < 2000; i += 1) ws.send(JSON.stringify({ type: 'resume', since: 0 }));
  },
  'wide invalid frames, not reading (400 x 15 KB)': (ws) => {
    ws.pause();
    const frame = wideFrame();
    for (let i = 0; i < 400; i += 1) ws.send(frame);
  },
};

async function measure(url: string, setup: Awaited<ReturnType<typeof prepare>>, name: string) {
  const ws = await abuserSocket(url, (await setup.abuser.getAccessToken())!);
  const started = performance.now();
  let closed = 'still open';
  ws.on('close', (code) => {
    closed = `${code} after ${Math.round(performance.now() - started)} ms`;
  });
  const before = memory();
  let peak = before;
  const figures: Figures = { health: [], delivery: [], memoryGrowthMb: 0, closed };
  scenarios[name]!(ws);
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    await fetch(`${url}/health`);
    figures.health.push(performance.now() - start);
    const message = await send(setup.victim.a.client, setup.victim.conversationId, `r${round}`);
    while (!setup.arrived.has(message.id)) await sleep(1);
    figures.delivery.push(setup.arrived.get(message.id)! - start);
    peak = Math.max(peak, memory());
  }
  ws.resume();
  await sleep(200);
  ws.terminate();
  return { ...figures, memoryGrowthMb: (peak - before) / 2 ** 20, closed };
}

async function prepare(url: string) {
  const victim = await pair(url);
  const abuse = await pair(url);
  for (let i = 0; i < 300; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) => send(abuse.a.client, abuse.conversationId, `${i + j}`)),
    );
  }
  const arrived = new Map<string, number>();
  const live = victim.b.client.realtime();
  live.on('message.created', (message) => arrived.set(message.id, performance.now()));
  await live.connect();
  return { victim, abuser: abuse.b.client, arrived, live };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-bench-'));
  const server = await createServer({
    dataDir,
    databaseFile: path.join(dataDir, 'imkit.sqlite'),
    jwtSecret: 'bench-secret-that-is-long-enough-for-hs256!!',
    logLevel: 'silent',
    rateLimitPerMinute: 1_000_000,
    rateLimitScale: 1000,
  });
  const url = await server.listen(0, '127.0.0.1');
  const setup = await prepare(url);
  const ms = (values: number[]) =>
    `${pct(values, 0.5).toFixed(1)} / ${pct(values, 0.99).toFixed(1)} / ${Math.max(...values).toFixed(1)}`;
  const rows = [];
  for (const name of Object.keys(scenarios)) {
    const f = await measure(url, setup, name);
    rows.push({
      scenario: name,
      'health p50/p99/max ms': ms(f.health),
      'delivery p50/p99/max ms': ms(f.delivery),
      'memory growth MB': f.memoryGrowthMb.toFixed(1),
      'abusive socket closed': f.closed,
    });
  }
  console.table(rows);
  setup.live.close();
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
