/**
 * Next.js instrumentation hook: starts OpenTelemetry tracing in the Node.js server when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set, so that a page request and the server's fetches to the BFF (server components, the `/api/v1` proxy) are
 * spans of one trace, carried to the BFF in the `traceparent` header.
 */
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- Next.js sets NEXT_RUNTIME per runtime; it is not a setting of ours
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { serverEnv } = await import('./env');
  const env = serverEnv();
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) return;
  const { startTracing } = await import('./instrumentation.node');
  startTracing(env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_SERVICE_NAME);
}
