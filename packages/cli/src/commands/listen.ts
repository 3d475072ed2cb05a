import { type Command, Option } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import { openConversationWith } from '../openConversation.js';
import { parseLimit } from '../parseLimit.js';

interface ListenFlags {
  once?: boolean;
  forever?: boolean;
  tail?: number;
  json?: boolean;
}

/**
 * `imkit listen [<to>...]`: prints events as they arrive, for people and scripts (what
 * matrix-commander's `--listen` is for Matrix). `--once` waits for one message from someone else
 * (a script waiting for a reply), `--tail N` prints the latest messages first, `--json` prints one
 * event object per line.
 */
export function addListenCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('listen')
    .description(
      'print messages and other events as they arrive (Ctrl+C stops); --once waits for one reply',
    )
    .argument('[to...]', 'only these conversations: friends (username) or #groups')
    .addOption(
      new Option(
        '--once',
        'exit after the first message from someone else; with <to>, an unread one already there counts',
      ).conflicts('forever'),
    )
    .addOption(new Option('--forever', 'keep listening until stopped (the default)'))
    .option('--tail <n>', 'first print the latest N messages', parseLimit)
    .option('--json', 'one JSON object per line: {"type","position","data"}')
    .action(async (targets: string[], flags: ListenFlags, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversations = [];
      for (const target of targets) {
        conversations.push(await openConversationWith(client, target, session.username));
      }
      // Loaded by this command only: it brings the realtime client.
      const { runListenSession } = await import('../listen/listenSession.js');
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const end = await runListenSession({
          client,
          io: ctx.io,
          myUserId: session.tokens.user_id,
          conversations,
          once: flags.once === true,
          tail: flags.tail ?? 0,
          json: flags.json === true,
          signal: stop.signal,
        });
        if (typeof end === 'object') {
          throw new CliError(
            `the server ended the connection (${end.closed.code} ${end.closed.reason})`,
            { code: 'cli.realtime_closed', hint: 'run `imkit login` if the session was revoked' },
          );
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
