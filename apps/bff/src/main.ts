import { EnvValidationError, loadEnv } from './core/config/env';
import { PortInUseError } from './core/database/postgres-cluster';
import { startTelemetry } from './core/telemetry/telemetry';
import { loadMetricCatalog, MetricCatalogError } from './modules/usage/catalog/metric-catalog';

/**
 * Entry point of the BFF (`node dist/main.js`): validates the environment, starts tracing when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, and only then loads the application, so that the libraries it uses (http,
 * Fastify, pg, ioredis) are loaded after the tracing hooks are in place.
 */
function main(): Promise<void> {
  const env = loadEnv();
  // The metric catalog is operator configuration: a bad file stops start-up before anything else, naming it.
  loadMetricCatalog(env.USAGE_METRICS_FILE);
  startTelemetry(env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the tracing hooks, on purpose
  const { runBff } = require('./bff') as typeof import('./bff');
  return runBff(env);
}

Promise.resolve()
  .then(main)
  .catch((err: unknown) => {
    // A taken port or a bad variable is the user's to fix: the message says what and where, without a stack.
    const plain =
      err instanceof PortInUseError || err instanceof EnvValidationError || err instanceof MetricCatalogError;
    const text = plain ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`${text}\n`);
    process.exit(1);
  });
