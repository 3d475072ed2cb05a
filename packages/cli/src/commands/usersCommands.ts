import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { lookUpUser } from '../findUser.js';
import { formatUserProfile, formatUserSummary } from '../format/formatUserProfile.js';
import { writeJson, writeLine } from '../io.js';
import { parseLimit } from '../parseLimit.js';

/** `imkit users search | show`: finding people and looking at their public profile. */
export function addUsersCommands(program: Command, ctx: CliContext): Command {
  const users = program.command('users').description('find people and see their profile');

  users
    .command('search')
    .description('users whose username or nickname contains the text (exact username first)')
    .argument('<text>', '1 to 50 characters')
    .option('--limit <n>', 'at most this many users (1-100)', parseLimit, 20)
    .option('--json', 'print the users as a JSON array')
    .action(async (text: string, opts: { limit: number; json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const page = await client.searchUsers({ query: { q: text, limit: opts.limit } });
      if (opts.json) {
        writeJson(ctx.io.stdout, page.items);
        return;
      }
      if (page.items.length === 0) writeLine(ctx.io.stdout, `nobody matches "${text}"`);
      for (const user of page.items) writeLine(ctx.io.stdout, formatUserSummary(user));
      if (page.has_more) writeLine(ctx.io.stdout, '(more: narrow the text or raise --limit)');
    });

  users
    .command('show')
    .description("a user's public profile and how they relate to you")
    .argument('<username>', 'the exact username (any case)')
    .option('--json', 'print the profile as JSON')
    .action(async (username: string, opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const profile = await lookUpUser(client, username);
      if (opts.json) writeJson(ctx.io.stdout, profile);
      else for (const line of formatUserProfile(profile)) writeLine(ctx.io.stdout, line);
    });
  return users;
}
