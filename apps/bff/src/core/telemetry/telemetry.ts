import { trace, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Env } from '../config/env';

/** Tracing as started by {@link startTelemetry}. */
export interface Telemetry {
  /** True when spans are recorded and exported. */
  readonly enabled: boolean;
  /** Flushes what is buffered and stops exporting (bounded by the exporter's timeout). */
  shutdown(): Promise<void>;
}

/** Export timeout of one batch, ms: a collector that does not answer never holds a batch longer. */
export const EXPORT_TIMEOUT_MS = 5_000;

const DISABLED: Telemetry = { enabled: false, shutdown: async () => undefined };
let current: Telemetry = DISABLED;

/**
 * Starts OpenTelemetry tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (OTLP over HTTP to
 * `<endpoint>/v1/traces`), else does nothing. Must run before the instrumented libraries are loaded (call it first
 * in an entry point, then `require` the application): the HTTP server and client (`node:http`, so jsforce's calls to
 * Salesforce), `fetch` (undici: the calls to WHMCS), Fastify, `pg` (Prisma's driver adapter and the raw queries) and
 * ioredis; BullMQ jobs carry the context through their own telemetry (see `bullMqTelemetry`). Spans are exported in
 * batches in the background: a collector that is down or slow costs no request any time (failed exports are dropped
 * after {@link EXPORT_TIMEOUT_MS}).
 * @param options.exporter export to this exporter instead (tests: an in-memory exporter, spans handed over at once)
 */
export function startTelemetry(
  env: Pick<Env, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>,
  options: { exporter?: SpanExporter; serviceName?: string } = {},
): Telemetry {
  if (current.enabled) return current;
  if (options.exporter === undefined && env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) return DISABLED;
  // Loaded only when tracing is on: the SDK, exporter and instrumentations weigh tens of MB of memory in every
  // process that never traces.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { FastifyInstrumentation } =
    require('@opentelemetry/instrumentation-fastify') as typeof import('@opentelemetry/instrumentation-fastify');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { BatchSpanProcessor, SimpleSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { ATTR_SERVICE_NAME } =
    require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const exporter =
    options.exporter ??
    new OTLPTraceExporter({
      url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '')}/v1/traces`,
      timeoutMillis: EXPORT_TIMEOUT_MS,
    });
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? env.OTEL_SERVICE_NAME }),
    spanProcessors: [
      options.exporter
        ? new SimpleSpanProcessor(exporter)
        : new BatchSpanProcessor(exporter, {
            maxQueueSize: 2048,
            scheduledDelayMillis: 1000,
            exportTimeoutMillis: EXPORT_TIMEOUT_MS,
          }),
    ],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not worth a trace each.
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? ''),
      }),
      new UndiciInstrumentation(),
      new FastifyInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  current = { enabled: true, shutdown: () => sdk.shutdown().catch(() => undefined) };
  return current;
}

/** Whether tracing was started in this process. */
export function tracingEnabled(): boolean {
  return current.enabled;
}

/**
 * The trace and span ids of the active span, for log lines (`traceId`, `spanId`); empty outside a traced context or
 * when tracing is off.
 */
export function traceFields(): { traceId?: string; spanId?: string } {
  const span: Span | undefined = trace.getActiveSpan();
  if (span === undefined) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return traceFlags === undefined ? {} : { traceId, spanId };
}
