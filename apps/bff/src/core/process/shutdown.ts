/**
 * Stops a process once on SIGTERM or SIGINT: logs, runs `close` (the application), then `release` (the embedded
 * database) even when closing failed, and exits 0.
 */
export function stopOnSignals(
  log: (message: string) => void,
  close: () => Promise<void>,
  release: () => Promise<void>,
): void {
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`Received ${signal}, shutting down`);
    try {
      await close();
    } finally {
      await release();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
