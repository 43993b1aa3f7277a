import { hashPassword } from '../auth/password-hasher';
import type { Client } from 'pg';
import type { MetricCatalog, Role } from '@portico/domain';
import { loadMetricCatalog } from '../../modules/usage/catalog/metric-catalog';
import { seedDemoUsage, type DemoService } from '../../modules/usage/store/usage-demo-seed';
import { loadEnv } from '../config/env';

/** Password of every demo user (docs/contracts.md). */
export const DEMO_PASSWORD = 'portico-demo-password';

/**
 * One demo account and its services with usage history: the sandbox's WHMCS services of the same ids, limits and
 * usage ratios (docs/contracts.md), so the history the seed writes meets the figures the WHMCS usage sync reads.
 */
export interface DemoAccount {
  id: string;
  name: string;
  whmcsClientId: number;
  salesforceAccountId: string;
  /** Services with usage history (WHMCS `tblhosting.id`, `disklimit`/`bwlimit` MB, `diskusage` ratio). */
  services: readonly DemoService[];
  /** Seed of the deterministic noise. */
  seed: number;
}

/** The three demo accounts of docs/contracts.md, with fixed ids so links stay stable across reseeds. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: '5b1f0c3e-0000-4000-8000-000000000001',
    name: 'Acme Hosting Ltd',
    whmcsClientId: 1,
    salesforceAccountId: '001A0000001AcmeAAA',
    services: [
      {
        id: '101',
        name: 'Business Hosting · acme.example',
        status: 'active',
        diskLimitMb: 51_200,
        bandwidthLimitMb: 1_048_576,
        ratio: 0.62,
      },
      {
        id: '102',
        name: 'Managed WordPress · blog.acme.example',
        status: 'active',
        diskLimitMb: 10_240,
        bandwidthLimitMb: 204_800,
        ratio: 0.91,
      },
      {
        id: '103',
        name: 'Legacy Hosting · old.acme.example',
        status: 'suspended',
        diskLimitMb: 5_120,
        bandwidthLimitMb: 51_200,
        ratio: 0.35,
      },
    ],
    seed: 1,
  },
  {
    id: '5b1f0c3e-0000-4000-8000-000000000002',
    name: 'Globex Corporation',
    whmcsClientId: 2,
    salesforceAccountId: '001A0000002GlbxAAA',
    services: [
      {
        id: '104',
        name: 'Enterprise VPS · globex.example',
        status: 'active',
        diskLimitMb: 204_800,
        bandwidthLimitMb: 2_097_152,
        ratio: 0.48,
      },
    ],
    seed: 2,
  },
  {
    id: '5b1f0c3e-0000-4000-8000-000000000003',
    name: 'Initech GmbH',
    whmcsClientId: 3,
    salesforceAccountId: '001A0000003InitAAA',
    services: [
      {
        id: '106',
        name: 'Starter Hosting · initech.example',
        status: 'active',
        diskLimitMb: 10_240,
        bandwidthLimitMb: 102_400,
        ratio: 0.27,
      },
    ],
    seed: 3,
  },
];

/** Demo users and their memberships (account index into {@link DEMO_ACCOUNTS}). */
export const DEMO_USERS: readonly {
  id: string;
  email: string;
  name: string;
  memberships: { account: number; role: Role }[];
  /** Platform administrator (no account role). */
  platformAdmin?: boolean;
}[] = [
  {
    id: '5b1f0c3e-0000-4000-9000-000000000001',
    email: 'owner@acme.example',
    name: 'Alice Acme',
    memberships: [
      { account: 0, role: 'owner' },
      { account: 1, role: 'viewer' },
    ],
  },
  {
    id: '5b1f0c3e-0000-4000-9000-000000000002',
    email: 'owner@globex.example',
    name: 'Gary Globex',
    memberships: [{ account: 1, role: 'owner' }],
  },
  {
    id: '5b1f0c3e-0000-4000-9000-000000000003',
    email: 'owner@initech.example',
    name: 'Ingrid Initech',
    memberships: [{ account: 2, role: 'owner' }],
  },
  {
    id: '5b1f0c3e-0000-4000-9000-000000000004',
    email: 'billing@acme.example',
    name: 'Bob Billing',
    memberships: [{ account: 0, role: 'billing' }],
  },
  {
    id: '5b1f0c3e-0000-4000-9000-0000000000ad',
    email: 'admin@portico.example',
    name: 'Petra Platform',
    memberships: [],
    platformAdmin: true,
  },
];

/** What the usage history is seeded from: the catalog and the retention of raw samples and 10-minute rollups. */
export interface DemoUsageOptions {
  catalog: MetricCatalog;
  rawRetentionDays: number;
  tenMinuteRetentionDays: number | null;
}

/** Email domain of Initech's demo identity provider (the sandbox's `initech-staff.example` people). */
export const DEMO_IDENTITY_PROVIDER_DOMAIN = 'initech-staff.example';

/**
 * Initech's demo OpenID Connect identity provider: the sandbox's provider, reached with Portico's client there.
 * `seal` seals the client secret for the account (IDENTITY_PROVIDER_SECRET_KEY).
 */
export interface DemoIdentityProviderOptions {
  issuerUrl: string;
  clientId: string;
  seal: (accountId: string) => { sealed: string; hint: string };
}

/** The catalog file and retention of the default environment. */
function defaultUsageOptions(): DemoUsageOptions {
  const env = loadEnv({});
  return {
    catalog: loadMetricCatalog(env.USAGE_METRICS_FILE),
    rawRetentionDays: env.USAGE_RETENTION_RAW_DAYS,
    tenMinuteRetentionDays: env.USAGE_RETENTION_10M_DAYS === 0 ? null : env.USAGE_RETENTION_10M_DAYS,
  };
}

/**
 * Seeds the demo accounts, users (argon2id hashes of {@link DEMO_PASSWORD}), memberships, Initech's identity provider
 * (when `options.identityProvider` is given) and 90 days of usage of
 * every catalog metric per demo service, in one transaction, unless an account exists already; a database whose demo
 * accounts have no usage yet (created before the usage pipeline) gets the usage alone. Deterministic for a given `now`.
 * @returns counts, or null when the database already had accounts (and usage)
 */
export async function seedDemoData(
  client: Client,
  options: { now?: Date; usage?: DemoUsageOptions; identityProvider?: DemoIdentityProviderOptions } = {},
): Promise<{ accounts: number; samples: number } | null> {
  const now = options.now ?? new Date();
  const usage = options.usage ?? defaultUsageOptions();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await client.query('BEGIN');
  try {
    // Row-level security: the seed works for no one account (a no-op for a superuser, who bypasses policies).
    await client.query("SELECT set_config('app.scope', 'system', true)");
    await client.query('LOCK TABLE accounts IN EXCLUSIVE MODE');
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM accounts');
    if (Number(rows[0]?.n ?? 0) > 0) {
      const ids = DEMO_ACCOUNTS.map((a) => a.id);
      const demo = await client.query<{ accounts: string; series: string }>(
        `SELECT (SELECT count(*) FROM accounts WHERE id = ANY($1::uuid[])) AS accounts,
                (SELECT count(*) FROM usage_series WHERE account_id = ANY($1::uuid[])) AS series`,
        [ids],
      );
      if (Number(demo.rows[0]?.accounts) === DEMO_ACCOUNTS.length && Number(demo.rows[0]?.series) === 0) {
        const samples = await seedDemoUsage(client, usage.catalog, DEMO_ACCOUNTS, { now, ...usage });
        await client.query('COMMIT');
        return { accounts: 0, samples };
      }
      await client.query('ROLLBACK');
      return null;
    }
    for (const account of DEMO_ACCOUNTS) {
      await client.query(
        'INSERT INTO accounts (id, name, whmcs_client_id, salesforce_account_id) VALUES ($1, $2, $3, $4)',
        [account.id, account.name, account.whmcsClientId, account.salesforceAccountId],
      );
    }
    for (const user of DEMO_USERS) {
      await client.query(
        `INSERT INTO users (id, email, name, password_hash, platform_admin) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING`,
        [user.id, user.email, user.name, passwordHash, user.platformAdmin === true],
      );
      for (const m of user.memberships) {
        const account = DEMO_ACCOUNTS[m.account];
        if (!account) continue;
        await client.query(
          `INSERT INTO memberships (id, user_id, account_id, role)
           SELECT gen_random_uuid(), u.id, $2, $3 FROM users u WHERE u.email = $1
           ON CONFLICT (user_id, account_id) DO NOTHING`,
          [user.email, account.id, m.role],
        );
      }
    }
    const initech = DEMO_ACCOUNTS[2];
    if (options.identityProvider && initech) {
      // Initech's people of initech-staff.example sign in through its own provider (the sandbox's), and join
      // Initech as viewers at their first sign-in.
      const { sealed, hint } = options.identityProvider.seal(initech.id);
      const { rows: provider } = await client.query<{ id: string }>(
        `INSERT INTO account_identity_providers
           (account_id, issuer_url, client_id, client_secret_sealed, client_secret_hint, jit_enabled, jit_role,
            enabled, updated_at)
         VALUES ($1, $2, $3, $4, $5, true, 'viewer', true, now()) RETURNING id`,
        [initech.id, options.identityProvider.issuerUrl, options.identityProvider.clientId, sealed, hint],
      );
      await client.query('INSERT INTO identity_provider_domains (domain, provider_id) VALUES ($1, $2)', [
        DEMO_IDENTITY_PROVIDER_DOMAIN,
        provider[0]?.id,
      ]);
    }
    const samples = await seedDemoUsage(client, usage.catalog, DEMO_ACCOUNTS, { now, ...usage });
    await client.query('COMMIT');
    return { accounts: DEMO_ACCOUNTS.length, samples };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
