import type { Friend } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { loggedInCli, page } from './cliSetup.js';
import type { FakeApi } from './fakeApi.js';
import { problem } from './fakeApi.js';
import { alice, bob, friendRequest, summary } from './fixtures.js';

let api: FakeApi;
let cli: Awaited<ReturnType<typeof loggedInCli>>['cli'];

beforeEach(async () => {
  ({ api, cli } = await loggedInCli());
});

const bobby = { ...bob, id: 'u-bobby', username: 'bobby', nickname: null };
const carol = { ...bob, id: 'u-carol', username: 'carol', nickname: 'Carol' };

describe('imkit friends add', () => {
  it('resolves the username exactly, case-insensitively, and sends the request', async () => {
    api.on('GET /users', [200, page([summary(bobby), summary(bob)])]);
    api.on('POST /friend-requests', [201, friendRequest({ from: alice, to: bob, message: 'hi' })]);
    const { code, stdout } = await cli(['friends', 'add', 'BOB', '--message', 'hi']);
    expect(code).toBe(0);
    expect(stdout).toBe('friend request sent to bob\n');
    expect(api.sent('GET /users')[0]?.query).toMatchObject({ q: 'BOB' });
    expect(api.sent('POST /friend-requests')[0]?.body).toEqual({ user_id: 'u-bob', message: 'hi' });
  });

  it('reads the note from stdin with --message - (issue 6 #14)', async () => {
    api.on('GET /users', [200, page([summary(bob)])]);
    api.on('POST /friend-requests', [201, friendRequest({ from: alice, to: bob, message: 'hi' })]);
    const { code } = await cli(['friends', 'add', 'bob', '--message', '-'], {
      stdin: "it's Alice\n",
    });
    expect(code).toBe(0);
    expect(api.sent('POST /friend-requests')[0]?.body).toEqual({
      user_id: 'u-bob',
      message: "it's Alice",
    });
  });

  it('says when the other side had already asked (the request comes back accepted)', async () => {
    api.on('GET /users', [200, page([summary(bob)])]);
    api.on('POST /friend-requests', [
      201,
      friendRequest({ from: bob, to: alice, status: 'accepted' }),
    ]);
    const { stdout } = await cli(['friends', 'add', 'bob']);
    expect(stdout).toBe('bob had asked you too: you are now friends\n');
  });

  it('fails without sending when no user has that exact name', async () => {
    api.on('GET /users', [200, page([summary(bobby)])]);
    const { code, stderr } = await cli(['friends', 'add', 'bob']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: no user named "bob"\n');
    expect(api.sent('POST /friend-requests')).toEqual([]);
  });

  it("reports the server's conflict", async () => {
    api.on('GET /users', [200, page([summary(bob)])]);
    api.on('POST /friend-requests', [
      409,
      problem(409, 'friend_request.already_pending', 'You already sent bob a friend request.'),
    ]);
    const { code, stderr } = await cli(['friends', 'add', 'bob']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: You already sent bob a friend request. (friend_request.already_pending)\n',
    );
  });
});

describe('imkit friends requests', () => {
  const received = friendRequest({ id: 'r1', from: bob, to: alice, status: 'accepted' });
  const sent = friendRequest({
    id: 'r2',
    from: alice,
    to: carol,
    message: 'climbing?',
    created_at: '2026-11-21T08:00:00.000Z',
  });

  it('lists received and sent requests of every page, pending first', async () => {
    api.on('GET /friend-requests', (req) =>
      req.query.after ? [200, page([sent])] : [200, page([received], 'cursor-2')],
    );
    const { code, stdout } = await cli(['friends', 'requests']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '[2026-11-21 08:00] pending   to carol: "climbing?"\n' +
        '[2026-11-21 09:31] accepted  from bob\n',
    );
    expect(api.sent('GET /friend-requests').map((r) => r.query)).toEqual([
      { direction: 'all', limit: '100' },
      { direction: 'all', limit: '100', after: 'cursor-2' },
    ]);
  });

  it('prints a JSON array with --json', async () => {
    api.on('GET /friend-requests', [200, page([received, sent])]);
    const { stdout } = await cli(['friends', 'requests', '--json']);
    expect(JSON.parse(stdout)).toEqual([sent, received]);
  });
});

describe('imkit friends accept', () => {
  it('accepts the pending request received from that user', async () => {
    const fromCarol = friendRequest({ id: 'r-carol', from: carol, to: alice });
    const fromBob = friendRequest({ id: 'r-bob', from: bob, to: alice });
    api.on('GET /friend-requests', [200, page([fromCarol, fromBob])]);
    api.on('POST /friend-requests/:id/accept', [200, { ...fromBob, status: 'accepted' }]);
    const { code, stdout } = await cli(['friends', 'accept', 'Bob']);
    expect(code).toBe(0);
    expect(stdout).toBe('you and bob are now friends\n');
    expect(api.sent('GET /friend-requests')[0]?.query).toEqual({
      direction: 'received',
      status: 'pending',
      limit: '100',
    });
    expect(api.sent('POST /friend-requests/r-bob/accept')).toHaveLength(1);
  });

  it('fails with a hint when there is no such pending request', async () => {
    api.on('GET /friend-requests', [200, page([])]);
    const { code, stderr } = await cli(['friends', 'accept', 'bob']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: no pending friend request from bob\nhint: see your requests with `imkit friends requests`\n',
    );
  });
});

describe('imkit friends list', () => {
  const friend: Friend = {
    user: bob,
    remark: null,
    presence: 'online',
    friends_since: '2026-11-21T09:32:00.000Z',
  };

  it('lists every friend with presence', async () => {
    api.on('GET /friends', [200, page([friend, { ...friend, user: carol, presence: 'offline' }])]);
    const { code, stdout } = await cli(['friends', 'list']);
    expect(code).toBe(0);
    expect(stdout).toBe('bob (Bob)  online\ncarol (Carol)  offline\n');
  });

  it('prints only JSON with --json', async () => {
    api.on('GET /friends', [200, page([friend])]);
    const { stdout } = await cli(['friends', 'list', '--json']);
    expect(JSON.parse(stdout)).toEqual([friend]);
  });
});

describe('imkit friends remove, remark, block, unblock, blocked', () => {
  const bobProfile = {
    ...summary(bob, true),
    bio: null,
    gender: 'undisclosed',
    is_blocked: false,
    remark: null,
    presence: null,
  };

  beforeEach(() => {
    api.on('GET /users/by-username/:name', [200, bobProfile]);
  });

  it("remove ends the friendship by the user's id", async () => {
    api.on('DELETE /friends/:id', [204]);
    const { code, stdout } = await cli(['friends', 'remove', 'bob']);
    expect(code).toBe(0);
    expect(stdout).toBe('bob is no longer your friend\n');
    expect(api.sent('DELETE /friends/u-bob')).toHaveLength(1);
  });

  it('remark sets and clears the alias, and needs exactly one of the two', async () => {
    const friend = {
      user: bob,
      remark: 'Bobby',
      presence: 'online',
      friends_since: '2026-11-21T09:30:00.000Z',
    };
    api.on('PATCH /friends/:id', (req) => [
      200,
      { ...friend, remark: (req.body as { remark: string | null }).remark },
    ]);
    expect((await cli(['friends', 'remark', 'bob', 'Bobby'])).stdout).toBe(
      'bob is "Bobby" to you\n',
    );
    expect((await cli(['friends', 'remark', 'bob', '--clear'])).stdout).toBe(
      'removed your remark for bob\n',
    );
    // `-` reads the remark from stdin, as every text argument does.
    expect(
      (await cli(['friends', 'remark', 'bob', '-'], { stdin: 'Bob from climbing\n' })).stdout,
    ).toBe('bob is "Bob from climbing" to you\n');
    expect(api.sent('PATCH /friends/u-bob').map((r) => r.body)).toEqual([
      { remark: 'Bobby' },
      { remark: null },
      { remark: 'Bob from climbing' },
    ]);
    for (const args of [
      ['friends', 'remark', 'bob'],
      ['friends', 'remark', 'bob', 'x', '--clear'],
    ]) {
      expect((await cli(args)).code).toBe(2);
    }
    expect(api.sent('PATCH /friends/u-bob')).toHaveLength(3);
  });

  it('block and unblock name the user; blocked lists newest first', async () => {
    api.on('POST /blocks', [201, { user: bob, blocked_at: '2026-11-21T09:30:00.000Z' }]);
    api.on('DELETE /blocks/:id', [204]);
    api.on('GET /blocks', [200, page([{ user: bob, blocked_at: '2026-11-21T09:30:00.000Z' }])]);
    expect((await cli(['friends', 'block', 'bob'])).stdout).toBe(
      'blocked bob; undo with `imkit friends unblock bob`\n',
    );
    expect(api.sent('POST /blocks')[0]?.body).toEqual({ user_id: 'u-bob' });
    expect((await cli(['friends', 'blocked'])).stdout).toMatch(
      /^bob \(Bob\) {2}since \d{4}-\d\d-\d\d \d\d:\d\d\n$/,
    );
    expect((await cli(['friends', 'unblock', 'bob'])).stdout).toBe('unblocked bob\n');
    expect(api.sent('DELETE /blocks/u-bob')).toHaveLength(1);
  });

  it('blocked says when nobody is blocked, and unblock reports block.not_found', async () => {
    api.on('GET /blocks', [200, page([])]);
    expect((await cli(['friends', 'blocked'])).stdout).toBe('you have blocked nobody\n');
    api.on('DELETE /blocks/:id', [
      404,
      problem(404, 'block.not_found', 'You have not blocked this user.'),
    ]);
    const { code, stderr } = await cli(['friends', 'unblock', 'bob']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: You have not blocked this user. (block.not_found)\n');
  });
});
