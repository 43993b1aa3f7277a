import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@portico/domain'],
  // Tracing (src/instrumentation.node.ts) hooks Node's modules at run time: load its packages from node_modules.
  serverExternalPackages: [
    '@opentelemetry/sdk-node',
    '@opentelemetry/instrumentation-undici',
    '@opentelemetry/instrumentation-http',
    '@opentelemetry/exporter-trace-otlp-http',
  ],
};

// Messages and the request's locale come from src/i18n/request.ts (no locale in the URL).
export default createNextIntlPlugin('./src/i18n/request.ts')(nextConfig);
