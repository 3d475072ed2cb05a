import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileInfo, ImkitClient, Message } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';
import { localFileName } from '../localFileName.js';
import { MESSAGE_REFERENCE_HELP, resolveMessageId } from '../messageReference.js';

interface DownloadOptions {
  output?: string;
  force?: boolean;
  json?: boolean;
}

/** A full id (a UUID): a file id, or a message id. */
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A file to download: its information, and the name a message showed it under (if any). */
interface Target {
  file: FileInfo;
  shownName: string | undefined;
}

function fileOfMessage(message: Message): { fileId: string; name: string | undefined } {
  const content = message.content;
  if ('file_id' in content && typeof content.file_id === 'string') {
    return {
      fileId: content.file_id,
      name: content.type === 'file' ? (content as { name?: string }).name : undefined,
    };
  }
  throw new UsageError(
    `message ${message.id} carries no file (it is ${content.type})`,
    'cli.no_file',
  );
}

/**
 * The file a `download` argument names: a full id is tried as a file id, then as a message id;
 * anything else names a message as `imkit history` shows it.
 */
async function findTarget(
  client: ImkitClient,
  reference: string,
  me: string | null,
): Promise<Target> {
  const { isImkitError } = await import('@imkit/sdk');
  if (FULL_ID.test(reference)) {
    try {
      return { file: await client.getFile({ path: { file_id: reference } }), shownName: undefined };
    } catch (error) {
      if (!isImkitError(error) || error.status !== 404) throw error;
    }
  }
  const messageId = await resolveMessageId(client, reference, me);
  const message = await client.getMessage({ path: { message_id: messageId } });
  const { fileId, name } = fileOfMessage(message);
  return { file: await client.getFile({ path: { file_id: fileId } }), shownName: name };
}

/** Where to write: `-o` as given, inside it when it is a folder, else the file's own name. */
function destination(output: string | undefined, name: string): string {
  if (output === undefined) return localFileName(name);
  const isFolder =
    output.endsWith('/') ||
    output.endsWith(path.sep) ||
    (fs.existsSync(output) && fs.statSync(output).isDirectory());
  return isFolder ? path.join(output, localFileName(name)) : output;
}

/** `imkit download <message|file> [-o path] [--force]`: a file of a message, or by file id. */
export function addFileCommands(program: Command, ctx: CliContext): void {
  program
    .command('download')
    .description('download the file of a message (or a file by its id), streaming it to disk')
    .argument('<message|file>', `a file id, or ${MESSAGE_REFERENCE_HELP}`)
    .option(
      '-o, --output <path>',
      'where to write it: a file, a folder to put it in, or - for stdout (default: its name, here)',
    )
    .option('-f, --force', 'replace a file that is already there')
    .option('--json', 'print what was saved as JSON')
    .action(async (reference: string, opts: DownloadOptions, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const { file, shownName } = await findTarget(client, reference, session.username);
      const helpers = await import('@imkit/sdk');
      if (opts.output === '-') {
        const download = await helpers.openFileDownload(client, file.id);
        await pipeline(download.body, ctx.io.stdout, { end: false });
        return;
      }
      const target = destination(opts.output, shownName ?? file.name);
      let saved: Awaited<ReturnType<typeof helpers.downloadFileToPath>>;
      try {
        saved = await helpers.downloadFileToPath(client, file.id, target, {
          overwrite: opts.force === true,
        });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'EEXIST') {
          throw new CliError(`${target} already exists`, {
            code: 'cli.file_exists',
            hint: 'pass --force to replace it, or -o to choose another path',
          });
        }
        if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
          throw new CliError(`cannot write ${target}: ${code}`, {
            code: 'cli.file_unwritable',
            cause: error,
          });
        }
        throw error;
      }
      if (opts.json) {
        writeJson(ctx.io.stdout, {
          path: target,
          bytes: saved.bytes,
          file_id: file.id,
          content_type: saved.contentType,
        });
      } else {
        writeLine(ctx.io.stdout, `saved ${target} (${saved.bytes} bytes, ${file.content_type})`);
      }
    });
}
