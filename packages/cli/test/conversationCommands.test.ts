import type { ConversationSettings, SearchResults } from '@imkit/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatInboxEntry } from '../src/format/formatInboxEntry.js';
import { loggedInCli, page } from './cliSetup.js';
import { type FakeApi, problem } from './fakeApi.js';
import { bob, conversation, message, summary } from './fixtures.js';
import { scriptedPrompter } from './harness.js';

let api: FakeApi;
let cli: Awaited<ReturnType<typeof loggedInCli>>['cli'];

const settings = (overrides: Partial<ConversationSettings> = {}): ConversationSettings => ({
  conversation_id: 'c-1',
  pinned: false,
  muted: false,
  muted_until: null,
  marked_unread: false,
  updated_at: '2026-11-21T09:40:00.000Z',
  ...overrides,
});

beforeEach(async () => {
  ({ api, cli } = await loggedInCli());
  api.on('GET /users', [200, page([summary(bob, true)])]);
  api.on('POST /conversations/direct', [200, conversation()]);
});

describe('imkit search', () => {
  it('searches one conversation with <to> <text>, passing the filters', async () => {
    api.on('GET /conversations/:id/messages/search', [
      200,
      page([message({ id: 'm-2', text: '去爬山' }), message({ id: 'm-1', text: '爬山吧' })]),
    ]);
    const { code, stdout } = await cli([
      'search',
      'bob',
      '爬山',
      '--from',
      'bo',
      '--since',
      '2026-11-01T00:00:00Z',
      '--until',
      '2026-11-30T00:00:00Z',
    ]);
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^\[[^\]]+\] /, '')),
    ).toEqual(['alice: 去爬山', 'alice: 爬山吧']);
    expect(api.sent('GET /conversations/c-1/messages/search')[0]?.query).toEqual({
      q: '爬山',
      limit: '20',
      sender_name: 'bo',
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-30T00:00:00.000Z',
    });
  });

  it('follows the cursor until --limit results, and says when nothing matches', async () => {
    api.on('GET /conversations/:id/messages/search', (req) =>
      req.query.after
        ? [200, page([message({ id: 'm-1', text: 'one' })])]
        : [200, page([message({ id: 'm-3', text: 'three' }), message({ id: 'm-2' })], 'next')],
    );
    const json = await cli(['search', 'bob', 'e', '--limit', '3', '--json']);
    expect((JSON.parse(json.stdout) as { id: string }[]).map((m) => m.id)).toEqual([
      'm-3',
      'm-2',
      'm-1',
    ]);
    expect(api.sent('GET /conversations/c-1/messages/search').map((r) => r.query)).toEqual([
      { q: 'e', limit: '3' },
      { q: 'e', limit: '1', after: 'next' },
    ]);
    api.on('GET /conversations/:id/messages/search', [200, page([])]);
    expect((await cli(['search', 'bob', 'zzz'])).stdout).toBe('no messages with bob match\n');
  });

  it('searches users and groups with only <text>', async () => {
    const results: SearchResults = {
      users: { items: [summary(bob, true)], total: 1 },
      groups: {
        items: [
          {
            id: 'g-1',
            name: 'Climbers',
            avatar_url: null,
            description: null,
            member_count: 3,
            is_member: true,
          },
        ],
        total: 1,
      },
    };
    api.on('GET /search', [200, results]);
    const { code, stdout } = await cli(['search', 'b']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'users (1):\n  bob (Bob)  (friend)\ngroups (1):\n  #Climbers  g-1  3 members  (member)\n',
    );
    expect(api.sent('GET /search')[0]?.query).toEqual({ q: 'b', limit: '20' });
    expect(JSON.parse((await cli(['search', 'b', '--json'])).stdout)).toEqual(results);
  });

  it('refuses filters without a conversation and bad dates, asking nothing', async () => {
    const filters = await cli(['search', 'bob', '--from', 'bob']);
    expect(filters.code).toBe(2);
    const date = await cli(['search', 'bob', 'x', '--since', 'yesterday']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('expected a date');
    expect(api.requests.filter((r) => r.path.includes('search'))).toEqual([]);
  });
});

describe('imkit pin, unpin, mute, unmute, hide, clear', () => {
  it('changes only the named setting and says what it did', async () => {
    api.on('PATCH /conversations/:id/settings', (req) => [
      200,
      settings(req.body as Partial<ConversationSettings>),
    ]);
    expect((await cli(['pin', 'bob'])).stdout).toBe('pinned bob\n');
    expect((await cli(['unpin', 'bob'])).stdout).toBe('unpinned bob\n');
    expect((await cli(['mute', 'bob'])).stdout).toBe('muted bob until you unmute\n');
    expect((await cli(['unmute', 'bob'])).stdout).toBe('unmuted bob\n');
    expect(api.sent('PATCH /conversations/c-1/settings').map((r) => r.body)).toEqual([
      { pinned: true },
      { pinned: false },
      { muted: true },
      { muted: false },
    ]);
  });

  it('mutes for a while with --for', async () => {
    api.on('PATCH /conversations/:id/settings', [
      200,
      settings({ muted: true, muted_until: '2026-11-21T17:40:00.000Z' }),
    ]);
    const { code, stdout } = await cli(['mute', 'bob', '--for', '8h', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ muted: true });
    expect(api.sent('PATCH /conversations/c-1/settings')[0]?.body).toEqual({
      muted: true,
      mute_duration_seconds: 28_800,
    });
    expect((await cli(['mute', 'bob', '--for', 'soon'])).code).toBe(2);
  });

  it('hides a conversation', async () => {
    api.on('DELETE /conversations/:id', [204]);
    expect((await cli(['hide', 'bob'])).stdout).toBe('hid bob until a new message arrives\n');
    expect(api.sent('DELETE /conversations/c-1')).toHaveLength(1);
  });

  it('clears only with --yes in scripts, or after a typed yes on a terminal', async () => {
    api.on('POST /conversations/:id/clear', [204]);
    const refused = await cli(['clear', 'bob']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const declined = scriptedPrompter(['no']);
    expect((await cli(['clear', 'bob'], { isTTY: true, prompter: declined })).code).toBe(2);
    expect(api.sent('POST /conversations/c-1/clear')).toEqual([]);
    const confirmed = scriptedPrompter(['yes']);
    const cleared = await cli(['clear', 'bob'], { isTTY: true, prompter: confirmed });
    expect(cleared.stdout).toBe('cleared your history with bob\n');
    expect(confirmed.asked[0]).toContain('Clear your history with bob?');
    expect((await cli(['clear', 'bob', '--yes'])).code).toBe(0);
    expect(api.sent('POST /conversations/c-1/clear')).toHaveLength(2);
  });

  it('shows the server refusal', async () => {
    api.on('PATCH /conversations/:id/settings', [
      404,
      problem(404, 'conversation.not_found', 'No such conversation, or you are not a member.'),
    ]);
    const { code, stderr } = await cli(['pin', 'bob']);
    expect(code).toBe(1);
    expect(stderr).toContain('conversation.not_found');
  });
});

describe('inbox lines', () => {
  it('show muted (with its end) and marked unread', () => {
    expect(formatInboxEntry(conversation({ muted: true, muted_until: null }))).toBe(
      'bob  0 unread  muted',
    );
    expect(
      formatInboxEntry(conversation({ pinned: true, marked_unread: true, unread_count: 2 })),
    ).toBe('pinned  bob  2 unread  marked unread');
    expect(
      formatInboxEntry(conversation({ muted: true, muted_until: '2026-11-21T17:40:00.000Z' })),
    ).toMatch(/^bob {2}0 unread {2}muted until \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });
});
