import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { EXIT_FAILURE } from '../errors.js';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { writeLine } from '../io.js';
import { openConversationWith } from '../openConversation.js';
import { loadDeviceId } from '../session/deviceId.js';

/**
 * `imkit chat <username|#group>`: an interactive chat with a friend or a group, each message
 * numbered and showing its sender, with replies, edits, recalls, reactions and typing live, and
 * the commands `/reply`, `/edit`, `/react`, `/recall`, `/file` (works with piped stdin too).
 */
export function addChatCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('chat')
    .description(
      'chat live with a friend or a #group (/help lists the chat commands, /quit leaves)',
    )
    .argument('<username|#group>', 'the friend, or # and a group (its id, or its unique name)')
    .action(async (target: string, _opts: unknown, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversation = await openConversationWith(client, target, session.username);
      if (conversation.disabled) {
        const title = formatConversationTitle(conversation);
        writeLine(
          ctx.io.stderr,
          conversation.type === 'group'
            ? `warning: you can no longer send in ${title} (you left or were removed, or it was dismissed)`
            : `warning: you and ${title} are no longer friends`,
        );
      }
      // Loaded by this command only: the chat session brings readline and realtime.
      const { runChatSession } = await import('../chat/chatSession.js');
      const failures = await runChatSession({
        client,
        io: ctx.io,
        conversation,
        deviceId: await loadDeviceId(ctx.sessionFile.configDir),
        myUserId: session.tokens.user_id,
        myUsername: session.username ?? 'you',
      });
      if (failures > 0) ctx.exitCode = EXIT_FAILURE;
    });
}
