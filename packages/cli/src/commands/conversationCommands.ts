import type { ConversationSettings, ImkitClient, Message, SearchResults } from '@imkit/sdk';
import { type Command, InvalidArgumentError } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { formatMessage } from '../format/formatMessage.js';
import { formatTime } from '../format/formatTime.js';
import { formatUser } from '../format/formatUser.js';
import { GROUP_PREFIX } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';
import { openConversationWith } from '../openConversation.js';
import { parseDuration } from '../parseDuration.js';
import { parseLimit } from '../parseLimit.js';

const TO_ARGUMENT = 'the friend (username), or # and a group (its id, or its unique name)';

/** The most messages one `searchMessages` page holds (the spec's `limit` maximum). */
const MAX_PAGE = 100;

interface SearchOptions {
  from?: string;
  since?: string;
  until?: string;
  limit: number;
  json?: boolean;
}

/**
 * Parses `--since` / `--until`: a date (`2026-11-21`) or a date and time (`2026-11-21 09:30`,
 * local time unless it names a zone) into an RFC 3339 time.
 * @throws InvalidArgumentError for anything else.
 */
export function parseDate(value: string): string {
  const trimmed = value.trim();
  const time = /^\d{4}-\d\d-\d\d$/.test(trimmed)
    ? new Date(`${trimmed}T00:00:00`)
    : new Date(trimmed.replace(' ', 'T'));
  if (!/^\d{4}-\d\d-\d\d/.test(trimmed) || Number.isNaN(time.getTime())) {
    throw new InvalidArgumentError('expected a date such as 2026-11-21 or 2026-11-21 09:30');
  }
  return time.toISOString();
}

/** The lines of `imkit search <text>`: matching users, then matching groups, with totals. */
export function formatSearchResults(results: SearchResults): string[] {
  const users = results.users.items.map(
    (u) => `  ${formatUser(u)}${u.is_friend ? '  (friend)' : ''}`,
  );
  const groups = results.groups.items.map((g) => {
    const count = `${g.member_count} member${g.member_count === 1 ? '' : 's'}`;
    return `  ${GROUP_PREFIX}${g.name}  ${g.id}  ${count}${g.is_member ? '  (member)' : ''}`;
  });
  return [
    `users (${results.users.total}):`,
    ...(users.length > 0 ? users : ['  none']),
    `groups (${results.groups.total}):`,
    ...(groups.length > 0 ? groups : ['  none']),
  ];
}

/** Up to `limit` messages matching the search, newest first, over as many pages as needed. */
async function searchConversation(
  client: ImkitClient,
  conversationId: string,
  text: string,
  opts: SearchOptions,
): Promise<Message[]> {
  const found: Message[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await client.searchMessages({
      path: { conversation_id: conversationId },
      query: {
        q: text,
        limit: Math.min(MAX_PAGE, opts.limit - found.length),
        ...(opts.from ? { sender_name: opts.from } : {}),
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: opts.until } : {}),
        ...(after ? { after } : {}),
      },
    });
    found.push(...page.items);
    if (!page.has_more || !page.next_cursor || found.length >= opts.limit) return found;
    after = page.next_cursor;
  }
}

/** How a mute reads: `until 2026-11-21 10:35`, or `until you unmute`. */
function muteEnd(settings: ConversationSettings): string {
  return settings.muted_until ? `until ${formatTime(settings.muted_until)}` : 'until you unmute';
}

/**
 * `imkit search [<to>] <text>`: with a conversation, its messages containing the text
 * (`searchMessages`, newest first, `--from`, `--since`, `--until`); without, users and groups
 * matching the text (`searchAll`). `imkit pin|unpin|mute|unmute|hide|clear <to>`: the caller's own
 * settings of a conversation (`updateConversationSettings`, `hideConversation`,
 * `clearConversationHistory`; `clear` asks for confirmation on a terminal, `--yes` in scripts).
 */
export function addConversationCommands(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description(
      'search messages with a friend or in a #group (`search <to> <text>`), or users and groups (`search <text>`)',
    )
    .argument('<to-or-text>', `${TO_ARGUMENT}; or, alone, the text to find`)
    .argument('[text]', 'the text to find in the conversation (quote several words)')
    .option('--from <user>', "only messages whose sender's username or nickname contains this")
    .option('--since <date>', 'only messages sent at or after this date (and time)', parseDate)
    .option('--until <date>', 'only messages sent before this date (and time)', parseDate)
    .option('--limit <n>', 'at most this many results', parseLimit, 20)
    .option('--json', 'print the results as JSON')
    .action(
      async (first: string, text: string | undefined, opts: SearchOptions, command: Command) => {
        const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
        if (text === undefined) {
          if (opts.from || opts.since || opts.until) {
            throw new UsageError(
              '--from, --since and --until need a conversation: search <to> <text>',
            );
          }
          const results = await client.searchAll({
            query: { q: first, limit: Math.min(opts.limit, 50) },
          });
          if (opts.json) writeJson(ctx.io.stdout, results);
          else for (const line of formatSearchResults(results)) writeLine(ctx.io.stdout, line);
          return;
        }
        const conversation = await openConversationWith(client, first, session.username);
        const messages = await searchConversation(client, conversation.id, text, opts);
        if (opts.json) {
          writeJson(ctx.io.stdout, messages);
          return;
        }
        if (messages.length === 0)
          writeLine(
            ctx.io.stdout,
            `no messages with ${formatConversationTitle(conversation)} match`,
          );
        for (const message of messages) {
          writeLine(ctx.io.stdout, formatMessage(message, { showId: true }));
        }
      },
    );

  /** Adds `imkit <name> <to>`, changing the caller's settings of that conversation. */
  const settingCommand = (
    name: string,
    description: string,
    body: (opts: {
      for?: number;
    }) => Parameters<ImkitClient['updateConversationSettings']>[0]['body'],
    done: (title: string, settings: ConversationSettings) => string,
  ) =>
    program
      .command(name)
      .description(description)
      .argument('<to>', TO_ARGUMENT)
      .option('--json', 'print your settings of the conversation as JSON')
      .action(async (to: string, opts: { for?: number; json?: boolean }, command: Command) => {
        const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
        const conversation = await openConversationWith(client, to, session.username);
        const settings = await client.updateConversationSettings({
          path: { conversation_id: conversation.id },
          body: body(opts),
        });
        if (opts.json) writeJson(ctx.io.stdout, settings);
        else writeLine(ctx.io.stdout, done(formatConversationTitle(conversation), settings));
      });

  settingCommand(
    'pin',
    'keep a conversation at the top of your inbox',
    () => ({ pinned: true }),
    (title) => `pinned ${title}`,
  );
  settingCommand(
    'unpin',
    'stop keeping a conversation at the top of your inbox',
    () => ({ pinned: false }),
    (title) => `unpinned ${title}`,
  );
  settingCommand(
    'mute',
    'no notifications from a conversation, for a while (--for) or until you unmute',
    (opts) => ({
      muted: true,
      ...(opts.for !== undefined ? { mute_duration_seconds: opts.for } : {}),
    }),
    (title, settings) => `muted ${title} ${muteEnd(settings)}`,
  ).option('--for <duration>', 'how long: 10m, 8h, 7d (1 minute to 1 year)', parseDuration);
  settingCommand(
    'unmute',
    'notifications from a conversation again',
    () => ({ muted: false }),
    (title) => `unmuted ${title}`,
  );

  program
    .command('hide')
    .description('take a conversation out of your inbox until a new message arrives in it')
    .argument('<to>', TO_ARGUMENT)
    .action(async (to: string, _opts: unknown, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversation = await openConversationWith(client, to, session.username);
      await client.hideConversation({ path: { conversation_id: conversation.id } });
      writeLine(
        ctx.io.stdout,
        `hid ${formatConversationTitle(conversation)} until a new message arrives`,
      );
    });

  program
    .command('clear')
    .description('clear your history of a conversation (others keep theirs; not undoable)')
    .argument('<to>', TO_ARGUMENT)
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .action(async (to: string, opts: { yes?: boolean }, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversation = await openConversationWith(client, to, session.username);
      const title = formatConversationTitle(conversation);
      if (!opts.yes) {
        if (!ctx.io.isTTY) {
          throw new UsageError('clearing history needs --yes when stdin is not a terminal');
        }
        const answer = await ctx.prompter.input(
          `Clear your history with ${title}? It cannot be undone. Type yes to clear`,
        );
        if (answer.trim().toLowerCase() !== 'yes') {
          throw new UsageError('not confirmed; nothing cleared');
        }
      }
      await client.clearConversationHistory({ path: { conversation_id: conversation.id } });
      writeLine(ctx.io.stdout, `cleared your history with ${title}`);
    });
}
