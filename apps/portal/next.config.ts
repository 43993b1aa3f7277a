import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@portico/domain'],
  // Tracing (src/instrumentation.node.ts) hooks Node's modules at run time: load its packages from node_modules.
  serverExternalPackages: ['@opentelemetry/sdk-node', '@opentelemetry/instrumentation-undici', '@opentelemetry/instrumentation-http', '@opentelemetry/exporter-trace-otlp-http'],
};

export default nextConfig;
