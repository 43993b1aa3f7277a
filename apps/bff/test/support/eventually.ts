/** How long {@link eventually} keeps trying, and how often. */
export interface EventuallyOptions {
  /** Gives up after this long, ms (default 10 s: the machines running the suites are slow and shared). */
  timeoutMs?: number;
  /** Pause between two tries, ms (default 20). */
  intervalMs?: number;
}

/**
 * Runs `check` until it neither throws nor rejects, and returns what it returned: for an outcome that comes
 * asynchronously (a message, a job's run, a row's status) without guessing how long it takes.
 * `check` holds the assertions (`expect(...)`), so a timeout fails with the last assertion's own message.
 * @throws the last error of `check` once `timeoutMs` has passed
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
