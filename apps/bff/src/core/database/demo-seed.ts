import { hashPassword } from '../auth/password-hasher';
import type { Client } from 'pg';
import type { Role } from '@portico/domain';

/** Password of every demo user (docs/contracts.md). */
export const DEMO_PASSWORD = 'portico-demo-password';

const MIB = 1024 ** 2;

/** One demo account with its plan limits (sum of its WHMCS products' `disklimit` / `bwlimit`, MB = MiB). */
export interface DemoAccount {
  id: string;
  name: string;
  whmcsClientId: number;
  salesforceAccountId: string;
  /** Disk limit, bytes. */
  diskLimitBytes: number;
  /** Monthly bandwidth limit, bytes. */
  bandwidthLimitBytes: number;
  /** Disk in use at the end of the series, as a share of the limit. */
  diskEndRatio: number;
  /** A 30-day bandwidth sum, as a share of the monthly limit. */
  bandwidthMonthRatio: number;
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
    diskLimitBytes: (51_200 + 10_240) * MIB,
    bandwidthLimitBytes: (1_048_576 + 204_800) * MIB,
    diskEndRatio: 0.82,
    bandwidthMonthRatio: 0.45,
    seed: 1,
  },
  {
    id: '5b1f0c3e-0000-4000-8000-000000000002',
    name: 'Globex Corporation',
    whmcsClientId: 2,
    salesforceAccountId: '001A0000002GlbxAAA',
    diskLimitBytes: 204_800 * MIB,
    bandwidthLimitBytes: 2_097_152 * MIB,
    diskEndRatio: 0.93,
    bandwidthMonthRatio: 0.6,
    seed: 2,
  },
  {
    id: '5b1f0c3e-0000-4000-8000-000000000003',
    name: 'Initech GmbH',
    whmcsClientId: 3,
    salesforceAccountId: '001A0000003InitAAA',
    diskLimitBytes: 10_240 * MIB,
    bandwidthLimitBytes: 102_400 * MIB,
    diskEndRatio: 0.4,
    bandwidthMonthRatio: 0.3,
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

/** Days of 1-minute usage samples seeded per account and metric. */
export const DEMO_USAGE_DAYS = 90;

/** SQL of a deterministic pseudo-random number in [0, 1) from an integer `i` and a seed (sine hash). */
const noise = (i: string, seed: string): string => `(((sin(${i} * 12.9898 + ${seed} * 78.233) * 43758.5453) - floor(sin(${i} * 12.9898 + ${seed} * 78.233) * 43758.5453)))`;

/**
 * Inserts 1-minute samples of both metrics for one account in one set-based statement.
 * Disk (bytes, gauge) rises from 80 % to 100 % of its final value with ±0.2 % noise; bandwidth (bytes per minute)
 * follows a daily sine with ±30 % noise around a mean that sums to `bandwidthMonthRatio` of the limit per 30 days.
 * @returns rows inserted
 */
export async function insertDemoSamples(client: Client, account: DemoAccount, end: Date, days = DEMO_USAGE_DAYS): Promise<number> {
  const n = days * 1440;
  const diskEnd = account.diskLimitBytes * account.diskEndRatio;
  const bwMean = (account.bandwidthLimitBytes * account.bandwidthMonthRatio) / (30 * 1440);
  const sql = `
    WITH minutes AS (
      SELECT i, $2::timestamptz - make_interval(mins => ($3::int - 1 - i)) AS at
      FROM generate_series(0, $3::int - 1) AS i
    )
    INSERT INTO usage_samples (account_id, metric, at, value)
    SELECT $1::uuid, 'disk', at,
           $4::float8 * (0.8 + 0.2 * i::float8 / ($3::int - 1)) * (1 + 0.004 * (${noise('i', '$6::float8')} - 0.5))
    FROM minutes
    UNION ALL
    SELECT $1::uuid, 'bandwidth', at,
           $5::float8
             * (1 + 0.5 * sin(2 * pi() * (((extract(epoch FROM at)::bigint / 60) % 1440)::float8 / 1440 - 0.375)))
             * (0.7 + 0.6 * ${noise('i', '($6::float8 + 101)')})
    FROM minutes`;
  const result = await client.query(sql, [account.id, end.toISOString(), n, diskEnd, bwMean, account.seed]);
  return result.rowCount ?? 0;
}

/**
 * Bucket widths of the materialised rollups, as SQL intervals. Samples arrive once a minute, so `1m` buckets are
 * aggregated from the samples at read time instead of being stored a second time.
 */
export const ROLLUP_RESOLUTIONS = { '10m': '10 minutes', '1h': '1 hour' } as const;

/**
 * Recomputes the rollups of every resolution from the raw samples of `accountIds` in `[from, to)`
 * (bucket-aligned by the caller; upsert, so it can rerun).
 */
export async function rebuildRollups(client: Client, accountIds: readonly string[], from: Date, to: Date): Promise<void> {
  for (const [resolution, width] of Object.entries(ROLLUP_RESOLUTIONS)) {
    await client.query(
      `INSERT INTO usage_rollups (account_id, metric, resolution, bucket_start, count, sum, min, max)
       SELECT account_id, metric, $1, date_bin($2::interval, at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*), sum(value), min(value), max(value)
       FROM usage_samples
       WHERE account_id = ANY($3::uuid[]) AND at >= $4 AND at < $5
       GROUP BY 1, 2, 4
       ORDER BY 1, 2, 4
       ON CONFLICT (account_id, metric, resolution, bucket_start)
       DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max`,
      [resolution, width, accountIds, from.toISOString(), to.toISOString()],
    );
  }
}

/**
 * Seeds the demo accounts, users (argon2id hashes of {@link DEMO_PASSWORD}), memberships and 90 days of usage,
 * in one transaction, unless an account exists already. Deterministic for a given `now`.
 * @returns counts, or null when the database already had accounts
 */
export async function seedDemoData(client: Client, options: { now?: Date } = {}): Promise<{ accounts: number; samples: number } | null> {
  const end = new Date(Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await client.query('BEGIN');
  try {
    // Row-level security: the seed works for no one account (a no-op for a superuser, who bypasses policies).
    await client.query("SELECT set_config('app.scope', 'system', true)");
    await client.query('LOCK TABLE accounts IN EXCLUSIVE MODE');
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM accounts');
    if (Number(rows[0]?.n ?? 0) > 0) {
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
    let samples = 0;
    for (const account of DEMO_ACCOUNTS) samples += await insertDemoSamples(client, account, end);
    const start = new Date(end.getTime() - DEMO_USAGE_DAYS * 86_400_000 - 3_600_000);
    await rebuildRollups(client, DEMO_ACCOUNTS.map((a) => a.id), start, new Date(end.getTime() + 60_000));
    await client.query('COMMIT');
    return { accounts: DEMO_ACCOUNTS.length, samples };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
