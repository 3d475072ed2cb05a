/** The streams a CLI run reads and writes; injected so the CLI runs without a terminal. */
export interface CliIO {
  /** Where `--password-stdin`, prompts and `imkit chat` read from. */
  stdin: NodeJS.ReadableStream;
  /** Command output: human text lines, or JSON with `--json`. */
  stdout: NodeJS.WritableStream;
  /** Errors, hints and prompts. */
  stderr: NodeJS.WritableStream;
  /** True when stdin is an interactive terminal. Prompts are shown only then. */
  isTTY: boolean;
}

/** Writes one line of text. */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`);
}

/** Writes a value as pretty-printed JSON followed by a newline. */
export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
