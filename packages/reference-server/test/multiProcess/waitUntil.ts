/**
 * Polls `check` every 50 ms until it holds.
 * @param describe says what was awaited and what was seen instead, for the failure message.
 * @throws Error with that description when `timeoutMs` ms pass first.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
