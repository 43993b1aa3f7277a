import { z } from 'zod';

/**
 * The portal's configuration, validated once. Nothing else reads `process.env`.
 * - `BFF_INTERNAL_URL`: where server components and the `/api/v1` rewrite reach the BFF.
 * - `BFF_PUBLIC_URL`: where the browser opens its socket.io connection. Read at request time (not inlined at build),
 *   so one build runs behind any address.
 */
const serverEnvSchema = z.object({
  /** Without a trailing slash, so paths can be appended. */
  BFF_INTERNAL_URL: z
    .url()
    .default('http://127.0.0.1:4000')
    .transform((url) => url.replace(/\/+$/, '')),
  BFF_PUBLIC_URL: z.url().default('http://localhost:4000'),
  /** OpenTelemetry collector (OTLP over HTTP); unset: the portal's server records no spans. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** `service.name` of the portal server's spans. */
  OTEL_SERVICE_NAME: z.string().min(1).default('portico-portal'),
});

let parsed: z.infer<typeof serverEnvSchema> | undefined;

/**
 * Server-only settings, read and validated on the first call (at request time, not at build) and kept for the
 * process. Call only from server code.
 * @throws ZodError when a variable is set to an invalid value.
 */
export function serverEnv(): z.infer<typeof serverEnvSchema> {
  parsed ??= serverEnvSchema.parse({
    BFF_INTERNAL_URL: process.env.BFF_INTERNAL_URL || undefined,
    BFF_PUBLIC_URL: process.env.BFF_PUBLIC_URL || undefined,
    OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    OTEL_SERVICE_NAME: process.env.OTEL_SERVICE_NAME || undefined,
  });
  return parsed;
}
