import { eventually } from './eventually';

/**
 * Polls `find` every 50 ms (through {@link eventually}) until it returns something, and returns that.
 * @throws Error naming `what` when nothing came within `ms` (default 15 s)
 */
export async function until<T>(
  find: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 15_000,
): Promise<T> {
  return eventually(
    async () => {
      const found = await find();
      if (found === undefined) throw new Error(`timed out waiting for ${what}`);
      return found;
    },
    { timeoutMs: ms, intervalMs: 50 },
  );
}
