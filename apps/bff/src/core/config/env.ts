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
const DEV_DATABASE_APP_PASSWORD = 'portico-app-dev-password';
const DEV_JWT_REFRESH_SECRET = 'portico-dev-refresh-secret-change-me-0123456789';
const DEV_CSRF_SECRET = 'portico-dev-csrf-secret-change-me-0123456789abcdef';
/** Client secret of the sandbox's OpenID provider (development only). */
const DEV_OIDC_CLIENT_SECRET = 'portico-sandbox-oidc-client-secret';
/** 32 zero-ish bytes, base64url: development only (production refuses it). */
const DEV_MFA_ENCRYPTION_KEY = Buffer.from('portico-dev-mfa-key-change-me-32').toString('base64url');
/** Development only (production refuses it): seals the client secrets of account identity providers. */
const DEV_IDENTITY_PROVIDER_SECRET_KEY = Buffer.from('portico-dev-idp-key-change-me-32').toString(
  'base64url',
);

/** Whether `origin` is plain http on the local machine (the only place cookies may go without `Secure`). */
export function isPlainHttpLocalhost(origin: string): boolean {
  const u = new URL(origin);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

/** Blank strings count as unset, so `FOO=` in a .env file falls back to the default. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const url = (def: string) => z.preprocess(blankToUndefined, z.url().default(def));

export const rawEnvSchema = z.object({
  NODE_ENV: z.preprocess(
    blankToUndefined,
    z.enum(['development', 'test', 'production']).default('development'),
  ),
  /** HTTP (and socket.io) port. */
  PORT: int(4000, 0, 65535),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  /** PostgreSQL URL; unset -> an embedded PostgreSQL server is started. */
  DATABASE_URL: z.preprocess(blankToUndefined, z.string().startsWith('postgres').optional()),
  /**
   * URL the running BFF connects with, as a role without BYPASSRLS that owns no table (row-level security applies to
   * it). Unset -> DATABASE_URL's server and database as `portico_app` with DATABASE_APP_PASSWORD (the bootstrap lets
   * that role log in). DATABASE_URL stays the owner's URL: migrations, demo seed and the CLI use it.
   */
  DATABASE_APP_URL: z.preprocess(blankToUndefined, z.string().startsWith('postgres').optional()),
  /**
   * Password given to `portico_app` when DATABASE_APP_URL is unset (required in production with DATABASE_URL set;
   * default: a development value, fine for the localhost-only embedded server).
   */
  DATABASE_APP_PASSWORD: optionalString,
  /** Data folder of the embedded server (kept across restarts). */
  EMBEDDED_PG_DATA_DIR: optionalString,
  EMBEDDED_PG_PORT: int(54329, 1, 65535),
  /**
   * As root only (the embedded server then runs as the `postgres` system user): where the server's binaries and the
   * default data folder are kept when that user cannot reach the checkout (e.g. under /root, mode 0700).
   */
  EMBEDDED_PG_RUNTIME_DIR: z.preprocess(blankToUndefined, z.string().default('/var/lib/portico')),
  /** Redis URL; unset -> in-memory cache and in-process event bus (single instance). */
  REDIS_URL: z.preprocess(blankToUndefined, z.string().startsWith('redis').optional()),
  PORTAL_ORIGIN: url('http://localhost:3000'),
  /**
   * Peers whose `X-Forwarded-For` is believed (Fastify `trustProxy`, proxy-addr syntax): comma-separated addresses,
   * CIDR ranges or the names `loopback`, `linklocal`, `uniquelocal`; `none` believes no one. The client address is
   * the right-most address of the chain that is not a trusted proxy. Default `loopback`: the portal's own
   * server-side proxy on the same machine, nothing else. Behind a load balancer, list its addresses.
   */
  TRUSTED_PROXIES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('loopback')
      .transform((v) =>
        v.trim().toLowerCase() === 'none'
          ? []
          : v
              .split(',')
              .map((p) => p.trim())
              .filter((p) => p.length > 0),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/,
              'an address, a CIDR range, loopback, linklocal or uniquelocal',
            ),
        ),
      ),
  ),
  JWT_ACCESS_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
  JWT_REFRESH_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
  /** Access token lifetime in seconds. */
  JWT_ACCESS_TTL_SECONDS: int(900, 1),
  /** Refresh token lifetime in seconds. */
  JWT_REFRESH_TTL_SECONDS: int(604_800, 1),
  /**
   * `Secure` on the session cookies (and the `__Host-` name prefix, which requires it): `auto` = on unless
   * PORTAL_ORIGIN is plain http on localhost/127.0.0.1; `false` is refused for any other origin.
   */
  COOKIE_SECURE: z.preprocess(blankToUndefined, z.enum(['auto', 'true', 'false']).default('auto')),
  /** HMAC key of the CSRF tokens (32+ characters). */
  CSRF_SECRET: z.preprocess(blankToUndefined, z.string().min(32).optional()),
  /** AES-256-GCM key encrypting TOTP secrets at rest: 32 bytes, base64 or base64url. */
  MFA_ENCRYPTION_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        (v) => Buffer.from(v, 'base64url').length === 32,
        'must be 32 bytes, base64 or base64url encoded',
      )
      .optional(),
  ),
  /**
   * AES-256-GCM key sealing the client secrets of account identity providers at rest: 32 bytes, base64 or base64url
   * (e.g. `openssl rand -base64 32`). Required in production. Changing it makes stored secrets unreadable: set each
   * provider's secret again.
   */
  IDENTITY_PROVIDER_SECRET_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        (v) => Buffer.from(v, 'base64url').length === 32,
        'must be 32 bytes, base64 or base64url encoded',
      )
      .optional(),
  ),
  /** Lifetime of the two-factor login challenge (password accepted, code pending), seconds. */
  MFA_CHALLENGE_TTL_SECONDS: int(300, 30),
  /** Lifetime of an emailed password reset link, seconds. */
  PASSWORD_RESET_TTL_SECONDS: int(3600, 60),
  /** Per-user API limit: requests per minute to the BFF (by user id when signed in, else by IP). */
  RATE_LIMIT_API_PER_MINUTE: int(100, 1),
  /** Failed logins allowed per minute for one IP and email before the lockout. */
  LOGIN_MAX_FAILURES_PER_MINUTE: int(5, 1),
  /** First lockout after too many failed logins, ms; each further lockout (within a day) doubles it. */
  LOGIN_LOCKOUT_BASE_MS: int(60_000, 1),
  /** Longest lockout, ms. */
  LOGIN_LOCKOUT_MAX_MS: int(3_600_000, 1),
  /** SMTP server for transactional mail (nodemailer URL); default: the sandbox's SMTP catcher. */
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .default('smtp://127.0.0.1:4125'),
  ),
  /** `From` header of outgoing mail. */
  MAIL_FROM: z.preprocess(
    blankToUndefined,
    z.string().min(3).default('Portico <no-reply@portico.localhost>'),
  ),
  /** SMTP connection, greeting and socket timeout, ms. */
  SMTP_TIMEOUT_MS: int(10_000, 1),
  WHMCS_API_URL: url('http://127.0.0.1:4100/includes/api.php'),
  WHMCS_API_IDENTIFIER: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-identifier')),
  WHMCS_API_SECRET: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-secret')),
  /** Per-request timeout towards WHMCS, ms. */
  WHMCS_TIMEOUT_MS: int(5000, 1),
  /**
   * IANA time zone WHMCS writes its date-times in (its server's zone; WHMCS datetimes carry none), e.g.
   * `Europe/Berlin`. Payment, capture and usage-update times are converted from it to UTC.
   */
  WHMCS_TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Berlin or UTC')
      .default('UTC'),
  ),
  SALESFORCE_LOGIN_URL: url('http://127.0.0.1:4100'),
  SALESFORCE_CLIENT_ID: z.preprocess(blankToUndefined, z.string().default('portico-sandbox-client-id')),
  SALESFORCE_CLIENT_SECRET: z.preprocess(
    blankToUndefined,
    z.string().default('portico-sandbox-client-secret'),
  ),
  SALESFORCE_API_VERSION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+\.\d$/)
      .default('62.0'),
  ),
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
  /** Attempts at processing one webhook delivery, the first included, before it is dead-lettered. */
  WEBHOOK_MAX_ATTEMPTS: int(5, 1, 100),
  /**
   * Where background jobs (webhook deliveries, reconciliation) run: `inline` in this process (one process does
   * everything: the smallest deployments, and any without Redis), or `off`: this process only queues them and
   * `node dist/worker.js` processes (needs REDIS_URL: the queue must be shared).
   */
  JOB_WORKER: z.preprocess(blankToUndefined, z.enum(['inline', 'off']).default('inline')),
  /**
   * Where the browsers' socket.io connections are held: `inline` on this process's port (the default, and the only
   * choice without Redis), or `separate`: this process only publishes events and `node dist/realtime.js` holds the
   * sockets on `REALTIME_PORT` (needs REDIS_URL: the events and access changes reach it over Redis). The separate
   * process loads neither Nest nor Prisma, so 10,000 idle sockets fit in about 250 MB (see bench/README.md).
   */
  REALTIME_PROCESS: z.preprocess(blankToUndefined, z.enum(['inline', 'separate']).default('inline')),
  /** Port of the separate realtime process (`node dist/realtime.js`); the portal's REALTIME_PUBLIC_URL points at it. */
  REALTIME_PORT: int(4001, 0, 65535),
  /** Webhook deliveries processed at once by one BFF instance. */
  WEBHOOK_WORKER_CONCURRENCY: int(4, 1, 100),
  /** Delay before the first retry of a failed webhook delivery, ms (doubled at each further retry). */
  WEBHOOK_RETRY_BASE_DELAY_MS: int(1000, 1),
  /** Salesforce organization (15 or 18 character id) whose Outbound Messages are accepted. */
  SALESFORCE_ORGANIZATION_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^00D[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/,
        'must be a 15 or 18 character Salesforce organization id (00D...)',
      )
      .default('00DA0000000SbxPAAQ'),
  ),
  /**
   * BullMQ job lock, ms: a job whose worker died (crash, kill -9) goes back to the queue after at most about twice
   * this (the stalled-job check runs at the same interval). Longer than any one job may block its worker.
   */
  JOB_LOCK_DURATION_MS: int(30_000, 1000),
  /** Interval of the reconciliation job, ms; 0 turns it off. */
  RECONCILIATION_INTERVAL_MS: int(300_000, 0),
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
  /**
   * Bearer token of `GET /metrics` (Prometheus), 24+ characters. Unset: `/metrics` on the application's port answers
   * 401 to everyone (metrics are never public by default); use METRICS_PORT for a private listener instead.
   */
  METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().min(24).optional()),
  /** Port of a separate listener serving only `GET /metrics` (no token needed unless METRICS_TOKEN is set); unset: none. */
  METRICS_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  /** Interface of the METRICS_PORT listener (default loopback; 0.0.0.0 for a scraper on another host). */
  METRICS_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  /**
   * OpenTelemetry collector base URL (OTLP over HTTP, spans to `<url>/v1/traces`), e.g. `http://127.0.0.1:4318`.
   * Unset: tracing is off (no spans are recorded).
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(blankToUndefined, z.url().optional()),
  /** `service.name` of this process's spans. */
  OTEL_SERVICE_NAME: z.preprocess(blankToUndefined, z.string().min(1).max(100).default('portico-bff')),
  /**
   * Days after support closed a case during which a customer's reply reopens it; 0 = closed cases take no replies
   * (open a new case instead).
   */
  CASE_REOPEN_WINDOW_DAYS: int(14, 0, 3650),
  /** Case status a customer's reply sets when it reopens a closed case or answers "Waiting on Customer". */
  CASE_REPLY_STATUS: z.preprocess(blankToUndefined, z.string().min(1).max(40).default('Working')),
  /**
   * The seller's details on invoice PDFs: a JSON file `{ name, addressLines[], email?, phone?, website?, taxId?,
   * logo? }` (`logo`: PNG or JPEG path, relative to the file). Default: `config/seller.json` of the repository.
   */
  SELLER_CONFIG_PATH: optionalString,
  /** A card expiring within this many days (and before the next charge) is notified, and domains likewise. */
  NOTIFY_EXPIRY_WITHIN_DAYS: int(30, 1, 365),
  /** The metric catalog (YAML, validated at start-up); default `config/metrics.yaml` of the repository. */
  USAGE_METRICS_FILE: optionalString,
  /** Folder of the dashboard files (YAML, validated at start-up); default `config/dashboards` of the repository. */
  DASHBOARDS_DIR: optionalString,
  /** Reload the dashboard files when they change (a failing reload keeps the last good ones); default on in development. */
  DASHBOARDS_WATCH: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
  /** Seconds a panel's data is cached per account (at most the panel's refresh interval). */
  DASHBOARD_PANEL_CACHE_SECONDS: int(30, 0, 3600),
  /** Interval of the WHMCS usage sync (GetClientsProducts per linked account), ms; 0 turns it off. */
  USAGE_SYNC_INTERVAL_MS: int(900_000, 0),
  /** Interval of usage maintenance (partitions ahead, retention, alert re-evaluation), ms; 0 turns it off. */
  USAGE_MAINTENANCE_INTERVAL_MS: int(3_600_000, 0),
  /** Days raw usage samples are kept (and the oldest a late sample may be). */
  USAGE_RETENTION_RAW_DAYS: int(35, 1, 3650),
  /** Days 10-minute usage rollups are kept; 0 = forever. */
  USAGE_RETENTION_10M_DAYS: int(365, 0, 36500),
  /** Days 1-hour usage rollups are kept; 0 = forever. */
  USAGE_RETENTION_1H_DAYS: int(0, 0, 36500),
  /** Days 1-day usage rollups are kept; 0 = forever. */
  USAGE_RETENTION_1D_DAYS: int(0, 0, 36500),
  /** Usage ingestion batches accepted per API key and minute (`POST /api/v1/usage/samples`). */
  USAGE_INGEST_RATE_LIMIT_PER_MINUTE: int(600, 1),
  /** Quiet time before `usage_changed` is published for an account that received samples, ms (coalesces bursts). */
  USAGE_CHANGED_DEBOUNCE_MS: int(1000, 0, 60_000),
  /**
   * Sign-in through an OpenID Connect provider (Authorization Code with PKCE, state and nonce). Off by default; on,
   * the other OIDC_* variables default to the sandbox's provider (`http://127.0.0.1:4126`, started by `pnpm start`).
   */
  OIDC_ENABLED: z.preprocess(blankToUndefined, z.stringbool().default(false)),
  /** Issuer URL of the provider (its `/.well-known/openid-configuration` is read at start-up). */
  OIDC_ISSUER_URL: url('http://127.0.0.1:4126'),
  /** Client id registered at the provider. */
  OIDC_CLIENT_ID: z.preprocess(blankToUndefined, z.string().min(1).max(255).default('portico-portal')),
  /** Client secret registered at the provider (`client_secret_basic`); required in production when enabled. */
  OIDC_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().min(16).optional()),
  /**
   * Redirect URI registered at the provider; default `<PORTAL_ORIGIN>/api/v1/auth/oidc/callback` (through the
   * portal's proxy, so the session cookies land on the portal's origin).
   */
  OIDC_REDIRECT_URI: z.preprocess(blankToUndefined, z.url().optional()),
  /**
   * Comma-separated email domains whose users may sign in through the provider (the ID token's `email`, which must
   * be `email_verified`); default `acme.example` (the sandbox's demo company).
   */
  OIDC_ALLOWED_EMAIL_DOMAINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('acme.example')
      .transform((v) =>
        v
          .split(',')
          .map((d) => d.trim().toLowerCase())
          .filter((d) => d.length > 0),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain name'),
          )
          .min(1),
      ),
  ),
  /**
   * Just-in-time membership: an allowed-domain user unknown to Portico is created and made a member of this account
   * (id) with OIDC_JIT_ROLE. Unset: only users who already exist may sign in through the provider.
   */
  OIDC_JIT_ACCOUNT_ID: z.preprocess(blankToUndefined, z.uuid().optional()),
  /** Role given to members created just in time. */
  OIDC_JIT_ROLE: z.preprocess(
    blankToUndefined,
    z.enum(['admin', 'billing', 'technical', 'viewer']).default('viewer'),
  ),
  /** Lifetime of a started provider sign-in (the signed state cookie), seconds. */
  OIDC_LOGIN_TTL_SECONDS: int(600, 30, 3600),
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
  for (const key of ['CSRF_SECRET', 'MFA_ENCRYPTION_KEY', 'IDENTITY_PROVIDER_SECRET_KEY'] as const) {
    if (production && raw[key] === undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'required when NODE_ENV=production' });
    }
  }
  const localhost = isPlainHttpLocalhost(raw.PORTAL_ORIGIN);
  if (raw.COOKIE_SECURE === 'false' && !localhost) {
    ctx.addIssue({
      code: 'custom',
      path: ['COOKIE_SECURE'],
      message: 'false is only allowed when PORTAL_ORIGIN is http://localhost or http://127.0.0.1',
    });
  }
  // The embedded server (DATABASE_URL unset) listens on localhost only; a real server needs a real password.
  if (
    production &&
    raw.DATABASE_URL !== undefined &&
    raw.DATABASE_APP_URL === undefined &&
    raw.DATABASE_APP_PASSWORD === undefined
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_APP_PASSWORD'],
      message: 'required when NODE_ENV=production, DATABASE_URL is set and DATABASE_APP_URL is unset',
    });
  }
  if (raw.REALTIME_PROCESS === 'separate' && raw.REDIS_URL === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['REALTIME_PROCESS'],
      message:
        'separate needs REDIS_URL: without Redis no event could reach the realtime process (use inline)',
    });
  }
  if (raw.JOB_WORKER === 'off' && raw.REDIS_URL === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['JOB_WORKER'],
      message:
        'off needs REDIS_URL: without Redis the job queue is in-process, so this process must run the jobs (inline)',
    });
  }
  if (
    production &&
    (raw.JWT_ACCESS_SECRET === DEV_JWT_ACCESS_SECRET || raw.JWT_REFRESH_SECRET === DEV_JWT_REFRESH_SECRET)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['JWT_ACCESS_SECRET'],
      message: 'development secret used in production',
    });
  }
  // Rollups are maintained from the raw samples of their bucket: each resolution must outlive the finer ones.
  const kept = (days: number) => (days === 0 ? Number.POSITIVE_INFINITY : days);
  const retention = [
    ['USAGE_RETENTION_RAW_DAYS', raw.USAGE_RETENTION_RAW_DAYS],
    ['USAGE_RETENTION_10M_DAYS', kept(raw.USAGE_RETENTION_10M_DAYS)],
    ['USAGE_RETENTION_1H_DAYS', kept(raw.USAGE_RETENTION_1H_DAYS)],
    ['USAGE_RETENTION_1D_DAYS', kept(raw.USAGE_RETENTION_1D_DAYS)],
  ] as const;
  for (let i = 1; i < retention.length; i += 1) {
    const [finer, finerDays] = retention[i - 1]!;
    const [key, days] = retention[i]!;
    if (days < finerDays)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `must keep at least as long as ${finer} (0 = forever)`,
      });
  }
  if (production && raw.OIDC_ENABLED && raw.OIDC_CLIENT_SECRET === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['OIDC_CLIENT_SECRET'],
      message: 'required when NODE_ENV=production and OIDC_ENABLED=true',
    });
  }
  if (
    production &&
    (raw.CSRF_SECRET === DEV_CSRF_SECRET ||
      raw.MFA_ENCRYPTION_KEY === DEV_MFA_ENCRYPTION_KEY ||
      raw.IDENTITY_PROVIDER_SECRET_KEY === DEV_IDENTITY_PROVIDER_SECRET_KEY)
  ) {
    ctx.addIssue({ code: 'custom', path: ['CSRF_SECRET'], message: 'development secret used in production' });
  }
  return {
    ...raw,
    JWT_ACCESS_SECRET: raw.JWT_ACCESS_SECRET ?? DEV_JWT_ACCESS_SECRET,
    JWT_REFRESH_SECRET: raw.JWT_REFRESH_SECRET ?? DEV_JWT_REFRESH_SECRET,
    CSRF_SECRET: raw.CSRF_SECRET ?? DEV_CSRF_SECRET,
    MFA_ENCRYPTION_KEY: raw.MFA_ENCRYPTION_KEY ?? DEV_MFA_ENCRYPTION_KEY,
    IDENTITY_PROVIDER_SECRET_KEY: raw.IDENTITY_PROVIDER_SECRET_KEY ?? DEV_IDENTITY_PROVIDER_SECRET_KEY,
    /** Resolved: true = `Secure` + `__Host-` names; false only for plain-http localhost. */
    COOKIE_SECURE: raw.COOKIE_SECURE === 'true' || (raw.COOKIE_SECURE === 'auto' && !localhost),
    DATABASE_APP_PASSWORD: raw.DATABASE_APP_PASSWORD ?? DEV_DATABASE_APP_PASSWORD,
    EMBEDDED_PG_DATA_DIR: raw.EMBEDDED_PG_DATA_DIR ?? path.join(findRepoRoot(), '.data', 'postgres'),
    /** EMBEDDED_PG_DATA_DIR is the default `.data/postgres` (as root it may be kept elsewhere, linked from there). */
    EMBEDDED_PG_DATA_DIR_IS_DEFAULT: raw.EMBEDDED_PG_DATA_DIR === undefined,
    SEED_DEMO_DATA: raw.SEED_DEMO_DATA ?? raw.DATABASE_URL === undefined,
    OIDC_CLIENT_SECRET: raw.OIDC_CLIENT_SECRET ?? DEV_OIDC_CLIENT_SECRET,
    OIDC_REDIRECT_URI:
      raw.OIDC_REDIRECT_URI ?? new URL('/api/v1/auth/oidc/callback', raw.PORTAL_ORIGIN).toString(),
    SELLER_CONFIG_PATH: raw.SELLER_CONFIG_PATH ?? path.join(findRepoRoot(), 'config', 'seller.json'),
    USAGE_METRICS_FILE: raw.USAGE_METRICS_FILE ?? path.join(findRepoRoot(), 'config', 'metrics.yaml'),
    DASHBOARDS_DIR: raw.DASHBOARDS_DIR ?? path.join(findRepoRoot(), 'config', 'dashboards'),
    DASHBOARDS_WATCH:
      raw.DASHBOARDS_WATCH === undefined ? raw.NODE_ENV === 'development' : raw.DASHBOARDS_WATCH === 'true',
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
      result.error.issues.map((issue) => ({
        variable: issue.path.join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  return result.data;
}
