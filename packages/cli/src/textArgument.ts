import { readAll } from './readStdin.js';

/** The argument that stands for standard input, as in most Unix tools. */
export const STDIN_ARGUMENT = '-';

/**
 * The text of a text argument: `-` alone reads standard input to its end (without the final
 * line break), anything else is the text itself. `imkit send bob -` sends what was piped in.
 */
export async function readTextArgument(
  value: string,
  stdin: NodeJS.ReadableStream,
): Promise<string> {
  if (value !== STDIN_ARGUMENT) return value;
  const text = await readAll(stdin);
  return text.replace(/\r?\n$/, '');
}
