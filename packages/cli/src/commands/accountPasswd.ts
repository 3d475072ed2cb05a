import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { resolveAnswer } from '../credentials.js';
import { writeJson, writeLine } from '../io.js';
import { StdinLines } from '../stdinLines.js';

interface PasswdOptions {
  passwordStdin?: boolean;
  json?: boolean;
}

/**
 * `imkit passwd`: changes the password (`updateCredentials`). The current and the new password
 * come from hidden prompts on a terminal (the new one twice); in scripts from `IMKIT_PASSWORD`
 * and `IMKIT_NEW_PASSWORD`, or with `--password-stdin` from the first two lines of stdin.
 * This session stays; every other one is logged out.
 */
export function addPasswdCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('passwd')
    .description('change your password (other devices are logged out)')
    .option(
      '--password-stdin',
      'read the current password, then the new one, from the first two lines of stdin',
    )
    .option('--json', 'print the account as JSON')
    .action(async (opts: PasswdOptions, command: Command) => {
      const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
      const lines = opts.passwordStdin ? new StdinLines(ctx.io.stdin) : undefined;
      try {
        const current = await resolveAnswer(
          { envName: 'IMKIT_PASSWORD', name: 'Current password', secret: true, lines },
          sources,
        );
        const next = await resolveAnswer(
          {
            envName: 'IMKIT_NEW_PASSWORD',
            name: 'New password',
            secret: true,
            confirm: true,
            lines,
          },
          sources,
        );
        const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
        const me = await client.updateCredentials({
          body: { current_password: current, new_password: next },
        });
        if (opts.json) writeJson(ctx.io.stdout, me);
        else writeLine(ctx.io.stdout, 'password changed; your other devices were logged out');
      } finally {
        lines?.close();
      }
    });
}
