import { Client } from 'pg';
import type { Env } from '../config/env';
import { runMigrations } from '../prisma/migration-runner';
import { APP_ROLE, ensureAppRoleLogin } from './app-role';
import { loadMetricCatalog } from '../../modules/usage/catalog/metric-catalog';
import {
  identityProviderSecretAad,
  secretHint,
} from '../../modules/identity-providers/identity-provider-secrets';
import { SecretBox } from '../auth/secret-box';
import { seedDemoData } from './demo-seed';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded-postgres.server';

/** Name of the database created on the embedded server. */
export const EMBEDDED_DATABASE_NAME = 'portico';

/** A ready database: migrated, seeded when asked. */
export interface BootstrappedDatabase {
  /** Connection URL to hand to Prisma (DATABASE_URL or the embedded server's). */
  url: string;
  /** True when this process started an embedded server. */
  embedded: boolean;
  /** Stops the embedded server, if any (idempotent). */
  stop(): Promise<void>;
}

/** Logger shape used before Nest's logger exists. */
export type BootstrapLog = (message: string) => void;

/**
 * Prepares the database before Nest boots: starts embedded PostgreSQL when `DATABASE_URL` is unset (data in
 * `EMBEDDED_PG_DATA_DIR`, database `portico`), applies migrations as the owner, lets the application role
 * `portico_app` log in with `DATABASE_APP_PASSWORD` (unless `DATABASE_APP_URL` is set: then the operator manages
 * it), then seeds the demo data when `SEED_DEMO_DATA` is on and no account exists.
 * @throws Error when the server cannot start or a migration fails (the embedded server is stopped first)
 */
export async function bootstrapDatabase(
  env: Env,
  options: { log?: BootstrapLog; migrate?: boolean; seed?: boolean } = {},
): Promise<BootstrappedDatabase> {
  const log = options.log ?? (() => undefined);
  let server: EmbeddedPostgresServer | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    log(`Starting embedded PostgreSQL on port ${env.EMBEDDED_PG_PORT} (data: ${env.EMBEDDED_PG_DATA_DIR})`);
    server = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DATA_DIR,
      port: env.EMBEDDED_PG_PORT,
      relocatable: env.EMBEDDED_PG_DATA_DIR_IS_DEFAULT,
      runtimeDir: env.EMBEDDED_PG_RUNTIME_DIR,
      onLog: log,
    });
    try {
      await server.ensureDatabase(EMBEDDED_DATABASE_NAME);
    } catch (err) {
      await server.stop();
      throw err;
    }
    url = server.urlFor(EMBEDDED_DATABASE_NAME);
  }
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped || !server) return;
    stopped = true;
    await server.stop();
  };
  try {
    if (options.migrate !== false) {
      const result = await runMigrations(url, { log });
      log(`Migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
    }
    if (!env.DATABASE_APP_URL) {
      await ensureAppRoleLogin(url, env.DATABASE_APP_PASSWORD);
      log(`Application role ${APP_ROLE} may log in (row-level security applies to it)`);
    }
    if (options.seed ?? env.SEED_DEMO_DATA) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const secrets = new SecretBox(env.IDENTITY_PROVIDER_SECRET_KEY);
        const seeded = await seedDemoData(client, {
          identityProvider: {
            issuerUrl: env.OIDC_ISSUER_URL,
            clientId: env.OIDC_CLIENT_ID,
            seal: (accountId) => ({
              sealed: secrets.seal(env.OIDC_CLIENT_SECRET, identityProviderSecretAad(accountId)),
              hint: secretHint(env.OIDC_CLIENT_SECRET),
            }),
          },
          usage: {
            catalog: loadMetricCatalog(env.USAGE_METRICS_FILE),
            rawRetentionDays: env.USAGE_RETENTION_RAW_DAYS,
            tenMinuteRetentionDays: env.USAGE_RETENTION_10M_DAYS === 0 ? null : env.USAGE_RETENTION_10M_DAYS,
          },
        });
        log(
          seeded
            ? `Seeded demo data (${seeded.samples} usage samples)`
            : 'Demo data not seeded: accounts exist',
        );
      } finally {
        await client.end();
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, embedded: server !== undefined, stop };
}
