import { createInterface } from 'node:readline';
import { type CliIO, writeLine } from '../io.js';
import { CHAT_HELP, parseChatInput } from './chatInput.js';
import type { ChatPrinter } from './chatPrinter.js';

/**
 * Reads chat input line by line until `/quit` or the end of input: prints `/help`, refuses
 * unknown commands without sending them, skips blank lines and hands every other line to
 * `send` (one at a time, in order). Resolves the number of sends that failed.
 */
export async function readChatLines(
  io: CliIO,
  printer: ChatPrinter,
  send: (text: string) => Promise<boolean>,
): Promise<number> {
  const rl = createInterface({
    input: io.stdin,
    output: io.isTTY ? io.stdout : undefined,
    terminal: io.isTTY,
  });
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt('> ');
  printer.attach(rl);
  let failures = 0;
  if (io.isTTY) rl.prompt();
  for await (const line of rl) {
    const input = parseChatInput(line);
    if (input.kind === 'quit') break;
    if (input.kind === 'help') for (const help of CHAT_HELP) writeLine(io.stderr, help);
    if (input.kind === 'unknown') {
      writeLine(io.stderr, `unknown command ${input.command}: /help lists them (it was not sent)`);
    }
    if (input.kind === 'send') {
      // On a terminal, replace the echoed input with the message line printed once it is stored.
      if (io.isTTY) io.stdout.write('\x1b[1A\x1b[2K');
      if (!(await send(input.text))) failures += 1;
    }
    if (io.isTTY) rl.prompt();
  }
  rl.close();
  return failures;
}
