import { UsageError } from './errors.js';

/**
 * True when `text` has no character other than white space. The contract refuses such a text
 * message (`TextContent.text` has the pattern `\S`), so the CLI never sends one.
 */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/**
 * Checks a message text before it is sent, by the contract's rule for `TextContent.text`: at
 * least one character that is not white space. Throws a {@link UsageError} (exit 2) when not.
 */
export function requireMessageText(text: string): string {
  if (isBlank(text)) {
    throw new UsageError(
      'the message is blank: it needs at least one character that is not white space',
      'cli.blank_message',
    );
  }
  return text;
}
