import type { Command } from 'commander';
import { connect } from '../connection.js';
import type { CliContext } from '../context.js';
import { resolvePassword, resolveRequired } from '../credentials.js';
import { writeJson, writeLine } from '../io.js';

interface RegisterOptions {
  username?: string;
  email?: string;
  nickname?: string;
  password?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/** `imkit register`: creates an account and stores its session. */
export function addRegisterCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('register')
    .description('create an account and log in')
    .option('--username <name>', 'username: 3 to 20 letters, digits, "_", "." or "-"')
    .option('--email <email>', 'email address (optional; you can log in with it)')
    .option('--nickname <name>', 'display name (optional)')
    .option('--password <password>', 'password, 8 to 128 characters (or env IMKIT_PASSWORD)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--json', 'print the new account as JSON')
    .action(async (opts: RegisterOptions, command: Command) => {
      const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
      const stdinTaken = Boolean(opts.passwordStdin);
      const username = await resolveRequired(
        opts.username,
        '--username',
        'Username',
        sources,
        stdinTaken,
      );
      const password = await resolvePassword(opts, sources, { confirm: true });
      const { client, store, server } = await connect(ctx, command.optsWithGlobals());
      const session = await client.register({
        body: {
          username,
          password,
          ...(opts.email ? { email: opts.email } : {}),
          ...(opts.nickname ? { nickname: opts.nickname } : {}),
        },
      });
      await store.setUsername(session.user.username);
      if (opts.json) writeJson(ctx.io.stdout, session.user);
      else
        writeLine(
          ctx.io.stdout,
          `registered and logged in as ${session.user.username} on ${server}`,
        );
    });
}
