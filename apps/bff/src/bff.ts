import 'reflect-metadata';
import type { Env } from './core/config/env';
import { bootstrapDatabase } from './core/database/database-bootstrap';
import { PortInUseError } from './core/database/postgres-cluster';
import { stopOnSignals } from './core/process/shutdown';
import { createApp } from './core/http/create-app';

/**
 * Starts the BFF: database (embedded when DATABASE_URL is unset), then Nest on Fastify; stops on SIGTERM/SIGINT.
 * Loaded by `main.ts` once tracing is set up.
 * @throws PortInUseError when PORT (or EMBEDDED_PG_PORT) is taken; whatever start-up fails with
 */
export async function runBff(env: Env): Promise<void> {
  const bootLog = (message: string): void => {
    process.stdout.write(
      `${JSON.stringify({ level: 30, time: Date.now(), context: 'Bootstrap', msg: message })}\n`,
    );
  };
  const database = await bootstrapDatabase(env, { log: bootLog });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  stopOnSignals(
    bootLog,
    async () => app?.close(),
    () => database.stop(),
  );
  try {
    app = await createApp({ ...env, DATABASE_URL: database.url });
    await app.listen({ port: env.PORT, host: env.HOST });
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(env.PORT, 'PORT') : err;
  }
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  bootLog(`BFF ready on http://${shownHost}:${env.PORT}`);
}
