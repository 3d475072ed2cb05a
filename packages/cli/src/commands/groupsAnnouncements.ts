import type { Command } from 'commander';
import { collect } from '../collect.js';
import type { CliContext } from '../context.js';
import { formatGroupAnnouncement } from '../format/formatGroupAnnouncement.js';
import { connectToGroup } from '../groupCommand.js';
import { GROUP_PREFIX } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';
import { requireMessageText } from '../messageText.js';
import { readTextArgument } from '../textArgument.js';

const GROUP_ARGUMENT = 'the group: its id, or its name when unique among your groups';

/** `imkit groups announce | announcements`: a group's notices, posted by its owner or admins. */
export function addGroupsAnnouncementCommands(groups: Command, ctx: CliContext): void {
  groups
    .command('announce')
    .description('post an announcement in a group (owner or admin)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<text...>', 'the announcement (its words are joined with spaces; - reads stdin)')
    .option('--json', 'print the announcement as JSON')
    .action(
      async (reference: string, words: string[], opts: { json?: boolean }, command: Command) => {
        const content = requireMessageText(await readTextArgument(words.join(' '), ctx.io.stdin));
        const { client, group } = await connectToGroup(ctx, command, reference);
        const announcement = await client.createGroupAnnouncement({
          path: { group_id: group.id },
          body: { content },
        });
        if (opts.json) writeJson(ctx.io.stdout, announcement);
        else writeLine(ctx.io.stdout, `announced in ${GROUP_PREFIX}${group.name}`);
      },
    );

  groups
    .command('announcements')
    .description("list a group's announcements, newest first")
    .argument('<group>', GROUP_ARGUMENT)
    .option('--json', 'print the announcements as a JSON array')
    .action(async (reference: string, opts: { json?: boolean }, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      const announcements = await collect(
        client.paginate('listGroupAnnouncements', {
          path: { group_id: group.id },
          query: { limit: 100 },
        }),
      );
      if (opts.json) {
        writeJson(ctx.io.stdout, announcements);
        return;
      }
      if (announcements.length === 0) writeLine(ctx.io.stdout, 'no announcements');
      for (const announcement of announcements) {
        writeLine(ctx.io.stdout, formatGroupAnnouncement(announcement));
      }
    });
}
