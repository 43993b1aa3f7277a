import type { MetricCatalog, MetricDefinition, WhmcsLimitField } from '@portico/domain';
import type { ClientBase } from 'pg';
import { ensureUsagePartitions, ROLLUP_10M_PARTITIONS } from './usage-partitions';

const MIB = 1024 ** 2;
const DAY_MS = 86_400_000;

/** One demo service (the sandbox's WHMCS service of the same id, docs/contracts.md) and the shape of its history. */
export interface DemoService {
  /** WHMCS service id (`tblhosting.id`). */
  id: string;
  name: string;
  status: 'active' | 'suspended';
  /** WHMCS `disklimit` / `bwlimit`, MB (MiB). */
  diskLimitMb: number;
  bandwidthLimitMb: number;
  /** Share of its limit a gauge ends at (the sandbox's `diskusage` ratio), and a counter's month total reaches. */
  ratio: number;
}

/** Days of usage history the demo shows. */
export const DEMO_USAGE_DAYS = 90;
/** The most recent days seeded at one sample a minute; older days at one sample per 10 minutes. */
const DENSE_DAYS = 2;

/** The limit of a demo series in the metric's unit, for shaping the history (none: a scale of 1,000,000). */
function scaleOf(metric: MetricDefinition, service: DemoService): number {
  const limit = metric.limit;
  if (limit.from === 'whmcs')
    return (limit.field satisfies WhmcsLimitField) === 'disklimit'
      ? service.diskLimitMb * MIB
      : service.bandwidthLimitMb * MIB;
  if (limit.from === 'config') return limit.value;
  return 1_000_000;
}

/** SQL of a deterministic pseudo-random number in [0, 1) from an integer expression and a seed (sine hash). */
const noise = (i: string, seed: string): string =>
  `(((sin(${i} * 12.9898 + ${seed} * 78.233) * 43758.5453) - floor(sin(${i} * 12.9898 + ${seed} * 78.233) * 43758.5453)))`;

/**
 * Seeds {@link DEMO_USAGE_DAYS} days of history for every catalog metric of every demo service (metrics without the
 * service dimension: one series per account), in the caller's transaction, as the database owner:
 * - gauges rise from 80 % to 100 % of `ratio` x limit with ±0.2 % noise;
 * - counters follow a daily sine with ±30 % noise around a mean that adds up to `ratio` x limit per 30 days.
 * One sample a minute for the last 2 days, one per 10 minutes (each carrying 10 minutes' worth for counters) before.
 * Raw samples are kept within `rawRetentionDays`; the rollups (10-minute within `tenMinuteRetentionDays`) and the
 * series registry cover the whole history, as if the samples had been ingested one by one. The services are stored
 * with their names and limits (what the WHMCS usage sync would store).
 * @returns samples generated
 */
export async function seedDemoUsage(
  client: ClientBase,
  catalog: MetricCatalog,
  accounts: ReadonlyArray<{ id: string; seed: number; services: readonly DemoService[] }>,
  options: { now: Date; rawRetentionDays: number; tenMinuteRetentionDays: number | null },
): Promise<number> {
  const end = new Date(Math.floor(options.now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - DEMO_USAGE_DAYS * DAY_MS);
  const denseFrom = new Date(end.getTime() - DENSE_DAYS * DAY_MS);
  const rawFrom = new Date(Math.max(start.getTime(), end.getTime() - options.rawRetentionDays * DAY_MS));
  await ensureUsagePartitions(client, rawFrom, new Date(end.getTime() + 3 * DAY_MS), { inTransaction: true });
  await client.query(
    `CREATE TEMP TABLE demo_usage (account_id uuid, metric text, service_id text, at timestamptz(3), value float8) ON COMMIT DROP`,
  );
  let series = 0;
  for (const account of accounts) {
    for (const service of account.services) {
      await client.query(
        `INSERT INTO usage_services (account_id, service_id, name, status, limits) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, service_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, limits = EXCLUDED.limits`,
        [
          account.id,
          service.id,
          service.name,
          service.status,
          JSON.stringify({ disklimit: service.diskLimitMb * MIB, bwlimit: service.bandwidthLimitMb * MIB }),
        ],
      );
    }
    for (const metric of catalog.metrics) {
      const targets = metric.perService
        ? account.services
        : [
            account.services[0] ?? {
              id: '',
              name: '',
              status: 'active',
              diskLimitMb: 0,
              bandwidthLimitMb: 0,
              ratio: 0.5,
            },
          ];
      for (const service of targets) {
        series += 1;
        const scale = scaleOf(metric, service);
        const seed = account.seed * 100 + series;
        // Instants: every 10 minutes from `start`, every minute from `denseFrom`; `step` is each sample's span in minutes.
        const instants = `
          SELECT i, $3::timestamptz + make_interval(mins => i * 10) AS at, 10 AS step
          FROM generate_series(0, (extract(epoch FROM ($4::timestamptz - $3::timestamptz)) / 600)::int - 1) AS i
          UNION ALL
          SELECT 1000000 + i, $4::timestamptz + make_interval(mins => i), 1
          FROM generate_series(0, (extract(epoch FROM ($5::timestamptz - $4::timestamptz)) / 60)::int - 1) AS i`;
        const progress = `(extract(epoch FROM at - $3::timestamptz) / extract(epoch FROM $5::timestamptz - $3::timestamptz))`;
        const value =
          metric.kind === 'gauge'
            ? `$6::float8 * (0.8 + 0.2 * ${progress}) * (1 + 0.004 * (${noise('i', '$7::float8')} - 0.5))`
            : `$6::float8 / (30 * 1440) * step
                 * (1 + 0.5 * sin(2 * pi() * (((extract(epoch FROM at)::bigint / 60) % 1440)::float8 / 1440 - 0.375)))
                 * (0.7 + 0.6 * ${noise('i', '($7::float8 + 101)')})`;
        await client.query(
          `INSERT INTO demo_usage (account_id, metric, service_id, at, value)
           SELECT $1::uuid, $2, $8, at, ${value} FROM (${instants}) AS t`,
          [
            account.id,
            metric.key,
            start.toISOString(),
            denseFrom.toISOString(),
            end.toISOString(),
            scale * service.ratio,
            seed,
            metric.perService ? service.id : '',
          ],
        );
      }
    }
  }
  await client.query(
    `INSERT INTO usage_samples (account_id, metric, service_id, at, value)
     SELECT account_id, metric, service_id, at, value FROM demo_usage WHERE at >= $1 ON CONFLICT DO NOTHING`,
    [rawFrom.toISOString()],
  );
  const tenMinuteFrom =
    options.tenMinuteRetentionDays === null
      ? start
      : new Date(Math.max(start.getTime(), end.getTime() - options.tenMinuteRetentionDays * DAY_MS));
  await ensureUsagePartitions(client, tenMinuteFrom, rawFrom, {
    inTransaction: true,
    tables: [ROLLUP_10M_PARTITIONS],
  });
  for (const [table, width, from] of [
    ['usage_rollups_10m', '10 minutes', tenMinuteFrom],
    ['usage_rollups_1h', '1 hour', start],
    ['usage_rollups_1d', '1 day', start],
  ] as const) {
    await client.query(
      `INSERT INTO ${table} (account_id, metric, service_id, bucket_start, count, sum, min, max, last, last_at)
       SELECT account_id, metric, service_id, date_bin($1::interval, at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS b,
              count(*), sum(value), min(value), max(value), (array_agg(value ORDER BY at DESC))[1], max(at)
       FROM demo_usage WHERE at >= $2
       GROUP BY account_id, metric, service_id, b
       ON CONFLICT DO NOTHING`,
      [width, from.toISOString()],
    );
  }
  await client.query(
    `INSERT INTO usage_series (account_id, metric, service_id, first_at, last_at, last_value)
     SELECT account_id, metric, service_id, min(at), max(at), (array_agg(value ORDER BY at DESC))[1]
     FROM demo_usage GROUP BY account_id, metric, service_id
     ON CONFLICT DO NOTHING`,
  );
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM demo_usage');
  return Number(rows[0]?.n ?? 0);
}
