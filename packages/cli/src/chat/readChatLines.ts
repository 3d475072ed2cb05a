import { createInterface } from 'node:readline';
import { type CliIO, writeLine } from '../io.js';
import type { ChatAction } from './chatCommands.js';
import { CHAT_HELP, parseChatInput } from './chatInput.js';
import type { ChatPrinter } from './chatPrinter.js';

/** What {@link readChatLines} does with the input. */
export interface ChatLineHandlers {
  /** Carries out a text, a file or a command about a message; resolves false when it failed. */
  act(action: ChatAction): Promise<boolean>;
  /**
   * Called as the user types, with the line typed so far (not yet entered), and with an empty
   * string once a line was entered.
   */
  typing(line: string): void;
}

/** Ends of lines in piped input. */
const LINE_END = /\r\n|\r|\n/;

/**
 * Reads chat input line by line until `/quit` or the end of input: prints `/help`, refuses
 * unknown commands and malformed ones (with how to type them) without sending them, skips
 * blank lines and hands every other line to `act` (one at a time, in order). Tells `typing`
 * what is being typed: on a terminal the line being edited, from piped input the text after
 * the last line end received. Resolves the number of actions that failed.
 */
export async function readChatLines(
  io: CliIO,
  printer: ChatPrinter,
  handlers: ChatLineHandlers,
): Promise<number> {
  const rl = createInterface({
    input: io.stdin,
    output: io.isTTY ? io.stdout : undefined,
    terminal: io.isTTY,
  });
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt('> ');
  printer.attach(rl);
  let partial = '';
  const onData = (chunk: Buffer | string) => {
    // On a terminal readline has the line being edited once it handled the keys.
    if (io.isTTY) setImmediate(() => handlers.typing(rl.line));
    else {
      partial = `${partial}${String(chunk)}`.split(LINE_END).pop() ?? '';
      handlers.typing(partial);
    }
  };
  io.stdin.on('data', onData);
  let failures = 0;
  if (io.isTTY) rl.prompt();
  try {
    for await (const line of rl) {
      handlers.typing('');
      const input = parseChatInput(line);
      if (input.kind === 'quit') break;
      if (input.kind === 'help') for (const help of CHAT_HELP) writeLine(io.stderr, help);
      else if (input.kind === 'unknown') {
        writeLine(
          io.stderr,
          `unknown command ${input.command}: /help lists them (it was not sent)`,
        );
      } else if (input.kind === 'invalid') {
        writeLine(io.stderr, `usage: ${input.usage} (it was not sent; /help lists the commands)`);
      } else if (input.kind !== 'skip') {
        // On a terminal, replace the echoed input with the line printed once it is stored.
        if (io.isTTY) io.stdout.write('\x1b[1A\x1b[2K');
        if (!(await handlers.act(input))) failures += 1;
      }
      if (io.isTTY) rl.prompt();
    }
  } finally {
    io.stdin.off('data', onData);
    rl.close();
  }
  return failures;
}
