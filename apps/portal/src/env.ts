import { z } from 'zod';

/**
 * The portal's configuration, validated once. Nothing else reads `process.env`.
 * - `BFF_INTERNAL_URL`: where server components and the `/api/v1` rewrite reach the BFF.
 * - `BFF_PUBLIC_URL`: the BFF's address as browsers reach it.
 * - `REALTIME_PUBLIC_URL`: where the browser opens its socket.io connection: the BFF (the default) or, with the BFF's
 *   `REALTIME_PROCESS=separate`, the realtime process. Both are read at request time (not inlined at build), so one
 *   build runs behind any address.
 */
const serverEnvSchema = z
  .object({
    /** Without a trailing slash, so paths can be appended. */
    BFF_INTERNAL_URL: z
      .url()
      .default('http://127.0.0.1:4000')
      .transform((url) => url.replace(/\/+$/, '')),
    BFF_PUBLIC_URL: z.url().default('http://localhost:4000'),
    /** Unset: `BFF_PUBLIC_URL`. */
    REALTIME_PUBLIC_URL: z.url().optional(),
    /** OpenTelemetry collector (OTLP over HTTP); unset: the portal's server records no spans. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    /** `service.name` of the portal server's spans. */
    OTEL_SERVICE_NAME: z.string().min(1).default('portico-portal'),
  })
  .transform((env) => ({ ...env, REALTIME_PUBLIC_URL: env.REALTIME_PUBLIC_URL ?? env.BFF_PUBLIC_URL }));

let parsed: z.output<typeof serverEnvSchema> | undefined;

/**
 * Server-only settings, read and validated on the first call (at request time, not at build) and kept for the
 * process. Call only from server code.
 * @throws ZodError when a variable is set to an invalid value.
 */
export function serverEnv(): z.output<typeof serverEnvSchema> {
  parsed ??= serverEnvSchema.parse({
    BFF_INTERNAL_URL: process.env.BFF_INTERNAL_URL || undefined,
    BFF_PUBLIC_URL: process.env.BFF_PUBLIC_URL || undefined,
    REALTIME_PUBLIC_URL: process.env.REALTIME_PUBLIC_URL || undefined,
    OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    OTEL_SERVICE_NAME: process.env.OTEL_SERVICE_NAME || undefined,
  });
  return parsed;
}
