import { afterAll, beforeAll, expect, it } from 'vitest';
import { twoFriendsChat } from '../two-friends-chat.js';
import { type ExampleServer, startExampleServer } from './exampleServer.js';

let server: ExampleServer;

beforeAll(async () => {
  server = await startExampleServer();
});
afterAll(() => server.close());

it('runs the two-friends chat example against the real server', async () => {
  const lines = await twoFriendsChat(server.url);
  expect(lines.slice(0, 2).map((l) => l.split(': ')[1])).toEqual([
    'hi Bob!',
    'are we still on for tonight?',
  ]);
  expect(lines[2]).toContain('(expected)');
}, 20_000);
