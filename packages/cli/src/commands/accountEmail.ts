import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { resolveAnswer, resolvePassword } from '../credentials.js';
import { CliError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';
import { StdinLines } from '../stdinLines.js';

interface VerifyOptions {
  code?: string;
  json?: boolean;
}

interface SetOptions {
  password?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/**
 * `imkit email set <address>` (`updateCredentials`, with the current password) and
 * `imkit email verify` (`sendEmailCode` then `verifyEmail`): the code is asked for on a terminal
 * or read from the first line of stdin; `--code` verifies a code received earlier without
 * sending another.
 */
export function addEmailCommand(program: Command, ctx: CliContext): Command {
  const email = program.command('email').description('change or verify your email address');
  email
    .command('set')
    .description('change your email (it starts unverified; other devices are logged out)')
    .argument('<address>', 'the new email address')
    .option('--password <password>', 'your current password (or env IMKIT_PASSWORD)')
    .option('--password-stdin', 'read the current password from stdin')
    .option('--json', 'print the account as JSON')
    .action(async (address: string, opts: SetOptions, command: Command) => {
      const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
      const password = await resolvePassword(opts, sources);
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const me = await client.updateCredentials({
        body: { current_password: password, email: address },
      });
      if (opts.json) writeJson(ctx.io.stdout, me);
      else
        writeLine(ctx.io.stdout, `email set to ${address}; confirm it with \`imkit email verify\``);
    });
  email
    .command('verify')
    .description('confirm your email with a code sent to it')
    .option('--code <code>', 'the 6-digit code from an earlier mail (sends none)')
    .option('--json', 'print the account as JSON')
    .action(async (opts: VerifyOptions, command: Command) => {
      const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const lines = ctx.io.isTTY ? undefined : new StdinLines(ctx.io.stdin);
      try {
        if (opts.code === undefined) {
          const me = await client.getMe();
          if (!me.email) {
            throw new CliError('your account has no email', {
              code: 'cli.no_email',
              hint: 'set one with `imkit email set <address>`',
            });
          }
          const sent = await client.sendEmailCode({
            body: { email: me.email, purpose: 'verify_email' },
          });
          writeLine(
            ctx.io.stderr,
            `a code was sent to ${me.email}; it is valid for ${Math.round(sent.expires_in / 60)} minutes`,
          );
        }
        const code = await resolveAnswer(
          { flag: opts.code, flagName: '--code', name: 'Code from the email', lines },
          sources,
        );
        const me = await client.verifyEmail({ body: { code: code.trim() } });
        if (opts.json) writeJson(ctx.io.stdout, me);
        else writeLine(ctx.io.stdout, `${me.email} is verified`);
      } finally {
        lines?.close();
      }
    });
  return email;
}
