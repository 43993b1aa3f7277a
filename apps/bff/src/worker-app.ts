import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import type { Env } from './core/config/env';
import { bootstrapDatabase } from './core/database/database-bootstrap';
import { startMetricsServer } from './core/metrics/metrics.route';
import { MetricsService } from './core/metrics/metrics.service';
import { stopOnSignals } from './core/process/shutdown';

/**
 * Runs the worker: the application's modules as a Nest application context (no HTTP server, no socket.io) whose job
 * workers process the queue (`JOB_WORKER=inline`), with `GET /metrics` on METRICS_PORT when set. It does not migrate
 * or seed (the BFF does; the worker starts after it) and shares an embedded PostgreSQL a BFF runs on the same data
 * folder. Stops on SIGTERM/SIGINT after the jobs under way finish (BullMQ closes its workers gracefully); a worker
 * killed outright leaves its jobs to BullMQ's stalled-job check: they run again once their lock expires.
 */
export async function runWorker(env: Env): Promise<void> {
  const bootLog = (message: string): void => {
    process.stdout.write(
      `${JSON.stringify({ level: 30, time: Date.now(), context: 'Worker', msg: message })}\n`,
    );
  };
  const database = await bootstrapDatabase(env, { log: bootLog, migrate: false, seed: false });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...env, DATABASE_URL: database.url }, { httpServer: false }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  let metricsServer: Server | undefined;
  if (env.METRICS_PORT !== undefined)
    metricsServer = await startMetricsServer(app.get(MetricsService), env, env.METRICS_PORT);
  await app.init();
  stopOnSignals(
    bootLog,
    async () => {
      metricsServer?.close();
      await app.close();
    },
    () => database.stop(),
  );
  bootLog(`Worker ready (queue on ${env.REDIS_URL ? 'Redis' : 'this process'})`);
}
