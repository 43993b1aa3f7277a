import { EnvValidationError, loadEnv } from './core/config/env';
import { PortInUseError } from './core/database/postgres-cluster';

/**
 * Entry point of the separate realtime process (`node dist/realtime.js`, with `REALTIME_PROCESS=separate` on the
 * BFFs and a shared Redis): socket.io on `REALTIME_PORT` without Nest, Prisma or the feature modules (see
 * realtime-app.ts). Without DATABASE_URL it joins the embedded PostgreSQL a BFF runs on the same data folder (as the
 * job worker does; it neither migrates nor seeds). Stops on SIGTERM/SIGINT after closing its sockets.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = (msg: string): void => {
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), context: 'Realtime', msg })}\n`);
  };
  // Only for the embedded database: a server's URL needs none of the bootstrap's modules.
  const bootstrap = (): typeof import('./core/database/database-bootstrap') =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, on purpose
    require('./core/database/database-bootstrap') as typeof import('./core/database/database-bootstrap');
  const database = env.DATABASE_URL
    ? undefined
    : await bootstrap().bootstrapDatabase(env, { log, migrate: false, seed: false });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the environment is known good
  const { startRealtime } = require('./realtime-app') as typeof import('./realtime-app');
  const running = await startRealtime({ ...env, DATABASE_URL: database?.url ?? env.DATABASE_URL }).catch(
    async (err: unknown) => {
      await database?.stop();
      throw err;
    },
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`Received ${signal}, shutting down`);
    void running
      .close()
      .finally(() => database?.stop())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  log(`Realtime ready on ${running.url}`);
}

main().catch((err: unknown) => {
  const plain = err instanceof PortInUseError || err instanceof EnvValidationError;
  const text = plain ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
