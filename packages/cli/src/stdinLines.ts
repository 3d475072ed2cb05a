import { createInterface } from 'node:readline';

/**
 * Reads stdin one line at a time, as a script answers what a terminal user would be asked (a
 * code from an email, then a new password). A line is read only when asked for, so a script may
 * write it after seeing the command's first effect (the mail arriving).
 */
export class StdinLines {
  private iterator: AsyncIterator<string> | undefined;

  constructor(private readonly stream: NodeJS.ReadableStream) {}

  /**
   * The next line, without its line break.
   * @param what names the value in the error.
   * @throws Error when stdin ends first.
   */
  async next(what: string): Promise<string> {
    this.iterator ??= createInterface({ input: this.stream, crlfDelay: Number.POSITIVE_INFINITY })[
      Symbol.asyncIterator
    ]();
    const line = await this.iterator.next();
    if (line.done) throw new Error(`stdin ended before ${what}`);
    return line.value;
  }

  /** Stops reading (closes the line reader, leaving the stream to its owner). */
  close(): void {
    void this.iterator?.return?.();
  }
}
