import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Walks up from this file to the monorepo root (the folder holding pnpm-workspace.yaml); falls back to cwd. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const DEV_JWT_ACCESS_SECRET = 'portico-dev-access-secret-change-me-0123456789';
const DEV_JWT_REFRESH_SECRET = 'portico-dev-refresh-secret-change-me-0123456789';

/** Blank strings count as unset, so `FOO=` in a .env file falls back to the default. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const bool = (def: boolean) => z.preprocess(blankToUndefined, z.stringbool().default(def));
const url = (def: string) => z.preprocess(blankToUndefined, z.url().default(def));

export const rawEnvSchema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(['development', 'test', 'production']).default('development')),
  /** HTTP (and socket.io) port. */
  PORT: int(4000, 0, 65535),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  /** PostgreSQL URL; unset -> an embedded PostgreSQL server is started. */
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().startsWith('postgres').optional()),
  /** Data folder of the embedded server (kept across restarts). */
  EMBEDDED_PG_DATA_DIR: optionalString,
  EMBEDDED_PG_PORT: int(54329, 1, 65535),
  /** Redis URL; unset -> in-memory cache and in-process event bus (single instance). */
  REDIS_URL: z.preprocess(blankToUndefined, z.string().startsWith('redis').optional()),
  PORTAL_ORIGIN: url('http://localhost:3000'),
  JWT_ACCESS_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
  JWT_REFRESH_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
  /** Access token lifetime in seconds. */
  JWT_ACCESS_TTL_SECONDS: int(900, 1),
  /** Refresh token lifetime in seconds. */
  JWT_REFRESH_TTL_SECONDS: int(604_800, 1),
  COOKIE_SECURE: bool(false),
  /** SMTP server for transactional mail (nodemailer URL); default: the sandbox's SMTP catcher. */
  SMTP_URL: z.preprocess(blankToUndefined, z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').default('smtp://127.0.0.1:4125')),
  /** `From` header of outgoing mail. */
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().min(3).default('Portico <no-reply@portico.localhost>')),
  /** SMTP connection, greeting and socket timeout, ms. */
  SMTP_TIMEOUT_MS: int(10_000, 1),
  WHMCS_API_URL: url('http://127.0.0.1:4100/includes/api.php'),
  WHMCS_API_IDENTIFIER: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-identifier')),
  WHMCS_API_SECRET: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-secret')),
  /** Per-request timeout towards WHMCS, ms. */
  WHMCS_TIMEOUT_MS: int(5000, 1),
  SALESFORCE_LOGIN_URL: url('http://127.0.0.1:4100'),
  SALESFORCE_CLIENT_ID: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-client-id')),
  SALESFORCE_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-client-secret')),
  SALESFORCE_API_VERSION: z.preprocess(blankToUndefined, z.string().regex(/^\d+\.\d$/).default('62.0')),
  /** Per-request timeout towards Salesforce, ms. */
  SALESFORCE_TIMEOUT_MS: int(5000, 1),
  WHMCS_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().startsWith('whsec_').default('whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ='),
  ),
  SALESFORCE_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().startsWith('whsec_').default('whsec_cG9ydGljby1kZXYtc2FsZXNmb3JjZS13ZWJob29rLXNlY3JldA=='),
  ),
  /** Largest accepted age of a webhook timestamp, seconds. */
  WEBHOOK_TOLERANCE_SECONDS: int(300, 1),
  /** Freshness of a cached dashboard block, ms (0 disables the block cache). */
  STATUS_CACHE_TTL_MS: int(30_000, 0),
  /** Stale-while-revalidate window after the fresh TTL, ms: the cached block is served at once, refreshed behind. */
  STATUS_CACHE_STALE_MS: int(300_000, 0),
  /** Stale-if-error window after the fresh TTL, ms: while the upstream fails, the last good block is still served. */
  STATUS_CACHE_STALE_IF_ERROR_MS: int(86_400_000, 0),
  /** Lease of a single-flight lock (renewed while its load runs; a dead holder frees it within one lease), ms. */
  STATUS_CACHE_LOCK_MS: int(3000, 100),
  /** Attempts of an idempotent upstream read, the first included (1 = no retry). */
  UPSTREAM_RETRY_MAX_ATTEMPTS: int(2, 1, 10),
  /** First retry delay of an upstream read, ms (grows exponentially, with jitter). */
  UPSTREAM_RETRY_INITIAL_DELAY_MS: int(100, 0),
  /** Longest retry delay of an upstream read, ms. */
  UPSTREAM_RETRY_MAX_DELAY_MS: int(1000, 0),
  /** Consecutive upstream failures that open a circuit breaker. */
  UPSTREAM_BREAKER_THRESHOLD: int(5, 1),
  /** How long an open circuit breaker waits before a trial call, ms. */
  UPSTREAM_BREAKER_HALF_OPEN_MS: int(10_000, 100),
  /** How long a rate limit without Retry-After (Salesforce REQUEST_LIMIT_EXCEEDED) keeps calls off, ms. */
  UPSTREAM_RATE_LIMIT_DEFAULT_MS: int(60_000, 0),
  /** Calls to WHMCS under way at once per BFF instance (bulkhead). */
  WHMCS_MAX_CONCURRENT: int(16, 1),
  /** Calls to Salesforce under way at once per BFF instance (bulkhead). */
  SALESFORCE_MAX_CONCURRENT: int(16, 1),
  /** Calls waiting for a bulkhead slot, per upstream and instance; more fail at once. */
  UPSTREAM_MAX_QUEUED: int(200, 0),
  /** Lifetime of a cached membership (access check) in each BFF instance, ms (0 disables the cache). */
  ACCESS_CACHE_TTL_MS: int(5000, 0, 60_000),
  /** Seed the demo accounts when the database has none; default true when DATABASE_URL is unset. */
  SEED_DEMO_DATA: z.preprocess(blankToUndefined, z.stringbool().optional()),
});

/** Every environment variable the BFF reads, validated; defaults suit local development. */
export const envSchema = rawEnvSchema.transform((raw, ctx) => {
  const production = raw.NODE_ENV === 'production';
  for (const key of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const) {
    if (production && raw[key] === undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'required when NODE_ENV=production' });
    }
  }
  if (production && (raw.JWT_ACCESS_SECRET === DEV_JWT_ACCESS_SECRET || raw.JWT_REFRESH_SECRET === DEV_JWT_REFRESH_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['JWT_ACCESS_SECRET'], message: 'development secret used in production' });
  }
  return {
    ...raw,
    JWT_ACCESS_SECRET: raw.JWT_ACCESS_SECRET ?? DEV_JWT_ACCESS_SECRET,
    JWT_REFRESH_SECRET: raw.JWT_REFRESH_SECRET ?? DEV_JWT_REFRESH_SECRET,
    EMBEDDED_PG_DATA_DIR: raw.EMBEDDED_PG_DATA_DIR ?? path.join(findRepoRoot(), '.data', 'postgres'),
    SEED_DEMO_DATA: raw.SEED_DEMO_DATA ?? raw.DATABASE_URL === undefined,
  };
});

/** Validated configuration. */
export type Env = z.output<typeof envSchema>;

/** Thrown by {@link loadEnv} with one line per invalid variable. */
export class EnvValidationError extends Error {
  constructor(readonly issues: readonly { variable: string; message: string }[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/**
 * Parses the environment. The only reader of `process.env` in the BFF.
 * @throws EnvValidationError listing every bad variable (values are never echoed).
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvValidationError(
      result.error.issues.map((issue) => ({ variable: issue.path.join('.') || '(root)', message: issue.message })),
    );
  }
  return result.data;
}
