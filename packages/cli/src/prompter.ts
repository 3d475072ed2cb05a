import type { CliIO } from './io.js';

/** Asks the user for values; only used when stdin is a terminal. */
export interface Prompter {
  /** Asks for a visible, non-empty value. */
  input(message: string): Promise<string>;
  /** Asks for a secret, masked while typed. */
  password(message: string): Promise<string>;
}

/**
 * A {@link Prompter} using @inquirer/prompts on the injected streams (prompts go to stderr).
 * The library is loaded at the first prompt, so commands that never ask do not pay for it.
 */
export function createInquirerPrompter(io: CliIO): Prompter {
  const context = { input: io.stdin, output: io.stderr };
  return {
    input: async (message) =>
      (await import('@inquirer/prompts')).input({ message, required: true }, context),
    password: async (message) =>
      (await import('@inquirer/prompts')).password(
        { message, mask: true, validate: (v) => v.length > 0 || 'required' },
        context,
      ),
  };
}
