import { z } from 'zod';

/** Sandbox configuration, read once from the environment. Defaults match docs/contracts.md. */
export const sandboxEnvSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the SMTP catcher (mail sent by the BFF lands on `/__admin/mail`); 0 picks a free one. */
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(4125),
  /**
   * Port of the OpenID Connect provider (the companies' identity provider, simulated); default SANDBOX_PORT + 26
   * (4126). 0 turns it off.
   */
  SANDBOX_OIDC_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Issuer URL of the OpenID provider, as browsers and the BFF reach it (default `http://<SANDBOX_HOST>:<port>`). */
  SANDBOX_OIDC_ISSUER: z.url().optional(),
  /** Client registered at the OpenID provider for Portico (the BFF's OIDC_CLIENT_ID / OIDC_CLIENT_SECRET). */
  SANDBOX_OIDC_CLIENT_ID: z.string().min(1).default('portico-portal'),
  SANDBOX_OIDC_CLIENT_SECRET: z.string().min(16).default('portico-sandbox-oidc-client-secret'),
  /** Comma-separated redirect URIs of that client (the portal's `/api/v1/auth/oidc/callback`). */
  SANDBOX_OIDC_REDIRECT_URIS: z
    .string()
    .default('http://localhost:3000/api/v1/auth/oidc/callback')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u.length > 0),
    )
    .pipe(z.array(z.url()).min(1))
    .or(z.array(z.url()).min(1)),
  /** Fastify/pino log level of the sandbox process. */
  SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /**
   * Base URL browsers reach the sandbox at, used in the single sign-on `redirect_url` of `CreateSsoToken`
   * (default `http://<SANDBOX_HOST>:<SANDBOX_PORT>`).
   */
  SANDBOX_PUBLIC_URL: z.url().optional(),
  /** Base URL webhooks are delivered to (`/webhooks/whmcs`, `/webhooks/salesforce` are appended). */
  SANDBOX_WEBHOOK_TARGET: z.url().default('http://127.0.0.1:4000'),
  WHMCS_API_IDENTIFIER: z.string().min(1).default('portico-sandbox-identifier'),
  WHMCS_API_SECRET: z.string().min(1).default('portico-sandbox-secret'),
  SALESFORCE_CLIENT_ID: z.string().min(1).default('portico-sandbox-client-id'),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).default('portico-sandbox-client-secret'),
  WHMCS_WEBHOOK_SECRET: z
    .string()
    .startsWith('whsec_')
    .default('whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ='),
  SALESFORCE_WEBHOOK_SECRET: z
    .string()
    .startsWith('whsec_')
    .default('whsec_cG9ydGljby1kZXYtc2FsZXNmb3JjZS13ZWJob29rLXNlY3JldA=='),
  /** Organization id carried by Outbound Messages (the BFF accepts only its SALESFORCE_ORGANIZATION_ID). */
  SALESFORCE_ORGANIZATION_ID: z
    .string()
    .regex(/^00D[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/)
    .default('00DA0000000SbxPAAQ'),
  /** Interval of the simulated WHMCS daily usage update (services' diskusage/bwusage/lastupdate), ms; 0 = off. */
  SANDBOX_USAGE_CYCLE_MS: z.coerce.number().int().min(0).default(86_400_000),
  /** Also deliver a Salesforce Outbound Message when a Case is created or updated (can be switched at run time). */
  // A boolean too: buildSandbox() parses an already parsed env again.
  SANDBOX_SALESFORCE_OUTBOUND_MESSAGES: z
    .union([z.boolean(), z.stringbool()])
    .optional()
    .transform((v) => v ?? false),
});
export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;

/**
 * Parses the environment (empty strings count as unset).
 * @throws Error listing every invalid variable.
 */
export function loadSandboxEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = sandboxEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(`invalid sandbox environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
