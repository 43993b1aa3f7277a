import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@portico/domain'],
  // The browser bundle reads the domain's sources, module by module (the package has no side effects), so a page
  // carries only the schemas it uses rather than the whole prebuilt contract.
  turbopack: { resolveAlias: { '@portico/domain': { browser: '../../packages/domain/src/index.ts' } } },
  // Tracing (src/instrumentation.node.ts) hooks Node's modules at run time: load its packages from node_modules.
  serverExternalPackages: [
    '@opentelemetry/sdk-node',
    '@opentelemetry/instrumentation-undici',
    '@opentelemetry/instrumentation-http',
    '@opentelemetry/exporter-trace-otlp-http',
  ],
};

// Messages and the request's locale come from src/i18n/request.ts (no locale in the URL). The catalogues are compiled
// at build time, so the browser gets the messages' syntax trees and only the formatter, not the ICU parser.
export default createNextIntlPlugin({
  requestConfig: './src/i18n/request.ts',
  experimental: { messages: { path: './src/messages', format: 'json', locales: 'infer', precompile: true } },
})(nextConfig);
