/**
 * Polls `find` every 50 ms until it returns something, and returns that.
 * @throws Error naming `what` when nothing came within `ms` (default 15 s)
 */
export async function until<T>(
  find: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
