// The BFF (its build, `pnpm build` first) with tracing on and every span kept in memory, for tracing.int-spec.ts:
// tracing must hook the libraries before they load, which Jest's module loader does not allow in-process. Runs
// with the environment it is given; answers the IPC message `spans` with the finished spans (plain objects).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');
const { loadEnv } = require('../../dist/core/config/env.js');
const { startTelemetry } = require('../../dist/core/telemetry/telemetry.js');

const env = loadEnv();
const exporter = new InMemorySpanExporter();
startTelemetry(env, { exporter, serviceName: 'portico-bff-test' });
process.on('message', (message) => {
  if (message !== 'spans') return;
  process.send(
    exporter.getFinishedSpans().map((s) => ({
      name: s.name,
      kind: s.kind,
      traceId: s.spanContext().traceId,
      spanId: s.spanContext().spanId,
      parentSpanId: s.parentSpanContext?.spanId ?? s.parentSpanId ?? null,
      attributes: s.attributes,
    })),
  );
});
const { runBff } = require('../../dist/bff.js');
await runBff(env);
