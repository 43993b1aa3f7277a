import { EnvValidationError, loadEnv } from './core/config/env';
import { startTelemetry } from './core/telemetry/telemetry';

/**
 * Entry point of the worker process (`node dist/worker.js`): the BFF's job workers without its HTTP API (webhook
 * deliveries, reconciliation), for deployments whose BFFs run with `JOB_WORKER=off` on a shared Redis. Tracing starts
 * before the application is loaded (see main.ts).
 */
function main(): Promise<void> {
  const env = { ...loadEnv(), JOB_WORKER: 'inline' as const };
  startTelemetry({
    ...env,
    OTEL_SERVICE_NAME: env.OTEL_SERVICE_NAME === 'portico-bff' ? 'portico-worker' : env.OTEL_SERVICE_NAME,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the tracing hooks, on purpose
  const { runWorker } = require('./worker-app') as typeof import('./worker-app');
  return runWorker(env);
}

Promise.resolve()
  .then(main)
  .catch((err: unknown) => {
    const text =
      err instanceof EnvValidationError
        ? err.message
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err);
    process.stderr.write(`${text}\n`);
    process.exit(1);
  });
