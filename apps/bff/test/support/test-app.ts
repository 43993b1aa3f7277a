import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnv, type Env } from '../../src/core/config/env';
import { createApp } from '../../src/core/http/create-app';
import { TEST_ENV } from './test-state';

/** A running BFF for one test file. */
export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL, e.g. `http://127.0.0.1:39123`. */
  url: string;
  env: Env;
  close(): Promise<void>;
}

/** The env the tests run the BFF with: the test database, the sandbox (when running), Redis when REDIS_URL is set. */
export function testEnv(overrides: Partial<Env> = {}): Env {
  const databaseUrl = process.env[TEST_ENV.databaseUrl];
  if (!databaseUrl) throw new Error('Integration tests need the global setup (jest -c jest.int.config.cjs)');
  const sandboxUrl = process.env[TEST_ENV.sandboxUrl] ?? 'http://127.0.0.1:4100';
  const base = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL,
    SEED_DEMO_DATA: 'false',
    WHMCS_API_URL: `${sandboxUrl}/includes/api.php`,
    SALESFORCE_LOGIN_URL: sandboxUrl,
    SMTP_URL: process.env[TEST_ENV.smtpUrl],
    OIDC_ISSUER_URL: process.env[TEST_ENV.oidcIssuer],
    SMTP_TIMEOUT_MS: '2000',
    WHMCS_TIMEOUT_MS: '2000',
    SALESFORCE_TIMEOUT_MS: '2000',
    // Suites fire requests far faster than a person; the per-user limit is tested on its own (identity.int-spec.ts).
    RATE_LIMIT_API_PER_MINUTE: '100000',
    // Tests run reconciliation themselves (ReconciliationService.runOnce).
    RECONCILIATION_INTERVAL_MS: '0',
    // Likewise the WHMCS usage sync (WhmcsUsageSyncService.runOnce) and usage maintenance (made once at start-up).
    USAGE_SYNC_INTERVAL_MS: '0',
    USAGE_MAINTENANCE_INTERVAL_MS: '0',
    // Alerts and live updates in suites should not wait a second for the quiet time.
    USAGE_CHANGED_DEBOUNCE_MS: '50',
    // Blocks are cached (fresh TTL) but never served stale, unless a suite asks: the demo accounts have fixed
    // ids, so with Redis a stale copy could outlive a suite and hide an outage another suite provokes.
    STATUS_CACHE_STALE_MS: '0',
    STATUS_CACHE_STALE_IF_ERROR_MS: '0',
  });
  return { ...base, ...overrides };
}

/** Boots the real AppModule on Fastify on an ephemeral port (or `overrides.PORT`). */
export async function createTestApp(overrides: Partial<Env> = {}): Promise<TestApp> {
  const env = testEnv(overrides);
  const app = await createApp(env);
  await app.listen({ port: env.PORT, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return { app, url: `http://127.0.0.1:${port}`, env, close: () => app.close() };
}

/** Port the sandbox delivers webhooks to (listen there to receive them), or undefined without a sandbox. */
export function webhookTargetPort(): number | undefined {
  const port = process.env[TEST_ENV.webhookPort];
  return port ? Number(port) : undefined;
}
