/** Reads a stream to its end as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a secret piped on stdin: all of it, without the final line break. */
export async function readSecret(stream: NodeJS.ReadableStream): Promise<string> {
  const text = await readAll(stream);
  return text.replace(/\r?\n$/, '');
}
