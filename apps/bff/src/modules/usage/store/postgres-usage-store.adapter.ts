import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { PrismaService } from '../../../core/prisma/prisma.service';
import { Prisma } from '../../../generated/prisma/client';
import {
  UsageStore,
  type AppendResult,
  type MaintenanceReport,
  type RawCursor,
  type RawSample,
  type ReadResolution,
  type RetentionPolicy,
  type RollupResolution,
  type SeriesInfo,
  type SeriesPoint,
  type SeriesRead,
  type StoredSample,
  type TouchedSeries,
} from '../usage-store.port';
import {
  dropPartitionsBefore,
  ensureUsagePartitions,
  ROLLUP_10M_PARTITIONS,
  SAMPLE_PARTITIONS,
} from './usage-partitions';

/** Origin of every bucket (UTC): buckets are `date_bin(width, at, origin)`. */
const ORIGIN = '2000-01-01T00:00:00Z';
const DAY_MS = 86_400_000;

/** Rollup table of each resolution (fixed names: never built from input). */
const ROLLUP_TABLE: Readonly<Record<RollupResolution, string>> = {
  '10m': 'usage_rollups_10m',
  '1h': 'usage_rollups_1h',
  '1d': 'usage_rollups_1d',
};

/** Rollup tables and widths (fixed names: never built from input). */
const ROLLUP: Readonly<Record<RollupResolution, { table: Prisma.Sql; width: string; ms: number }>> = {
  '10m': { table: Prisma.raw('usage_rollups_10m'), width: '10 minutes', ms: 600_000 },
  '1h': { table: Prisma.raw('usage_rollups_1h'), width: '1 hour', ms: 3_600_000 },
  '1d': { table: Prisma.raw('usage_rollups_1d'), width: '1 day', ms: DAY_MS },
};

/** Upserts one resolution's buckets from the `ins` CTE (the samples just inserted), merging into stored buckets. */
function rollupCte(name: string, resolution: RollupResolution): Prisma.Sql {
  const { table, width } = ROLLUP[resolution];
  return Prisma.sql`${Prisma.raw(name)} AS (
    INSERT INTO ${table} AS r (account_id, metric, service_id, bucket_start, count, sum, min, max, last, last_at)
    SELECT account_id, metric, service_id, date_bin(${width}::interval, at, ${ORIGIN}::timestamptz) AS b,
           count(*), sum(value), min(value), max(value), (array_agg(value ORDER BY at DESC))[1], max(at)
    FROM ins
    GROUP BY account_id, metric, service_id, b
    ORDER BY account_id, metric, service_id, b
    ON CONFLICT (account_id, metric, service_id, bucket_start) DO UPDATE SET
      count = r.count + EXCLUDED.count,
      sum = r.sum + EXCLUDED.sum,
      min = least(r.min, EXCLUDED.min),
      max = greatest(r.max, EXCLUDED.max),
      last = CASE WHEN EXCLUDED.last_at >= r.last_at THEN EXCLUDED.last ELSE r.last END,
      last_at = greatest(r.last_at, EXCLUDED.last_at)
    RETURNING 1
  )`;
}

interface BucketRow {
  at: Date;
  service_id: string;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  /** Set on combined gauge rows: `sum` already holds the sum of the services' averages. */
  combinedAverage?: boolean;
}

const serviceOf = (id: string): string | null => (id === '' ? null : id);
const serviceKey = (service: string | null): string => service ?? '';

/** PostgreSQL error code of `err` (Prisma wraps the driver's error), or undefined. */
function pgCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const o = e as {
      code?: unknown;
      meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    const original = o.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === 'string') return original;
    if (typeof o.meta?.code === 'string' && /^[0-9A-Z]{5}$/.test(o.meta.code)) return o.meta.code;
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) return o.code;
    e = o.cause;
  }
  const text = err instanceof Error ? err.message : String(err);
  if (/no partition of relation/i.test(text)) return '23514';
  if (/deadlock detected/i.test(text)) return '40P01';
  return undefined;
}

/**
 * {@link UsageStore} on PostgreSQL through Prisma (the application role: row-level security applies), with an owner
 * connection for partition DDL and retention.
 *
 * - `append`: one statement: the client-given ids are claimed (`usage_sample_keys`), the samples inserted with
 *   `ON CONFLICT DO NOTHING`, and from exactly the rows inserted, the touched 10-minute, 1-hour and 1-day buckets
 *   and the series registry are merged (count and sum added, min/max and the latest sample kept): O(samples),
 *   whatever the table holds, and atomic (a crash leaves both or neither). Concurrent batches serialise on the
 *   bucket rows they share.
 * - Reads name the account, the metric and the services (listed from the registry when reading across services)
 *   in every predicate, so PostgreSQL 15 (no skip scan) reads only the index range it needs.
 */
@Injectable()
export class PostgresUsageStore extends UsageStore {
  private readonly logger = new Logger(PostgresUsageStore.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(ENV) private readonly env: Env,
  ) {
    super();
  }

  async append(samples: readonly StoredSample[]): Promise<AppendResult> {
    // One statement per account: each names its account as a constant (one shard on a distributed database).
    const byAccount = new Map<string, StoredSample[]>();
    for (const s of samples) {
      const list = byAccount.get(s.accountId) ?? [];
      list.push(s);
      byAccount.set(s.accountId, list);
    }
    const result: AppendResult = { inserted: 0, touched: [] };
    for (const [accountId, list] of byAccount) {
      const one = await this.appendAccount(accountId, list);
      result.inserted += one.inserted;
      result.touched.push(...one.touched);
    }
    return result;
  }

  private async appendAccount(accountId: string, samples: readonly StoredSample[]): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(accountId, samples);
      } catch (err) {
        const code = pgCode(err);
        if (code === '23514' && attempt <= 2) {
          // A sample outside the partitions made ahead (e.g. the maintenance job has not run yet): make them, retry.
          const times = samples.map((s) => s.at.getTime());
          await this.ensurePartitions(new Date(Math.min(...times)), new Date(Math.max(...times) + 1));
          continue;
        }
        if ((code === '40P01' || code === '40001') && attempt <= 5) {
          this.logger.warn({ attempt, code }, 'usage append retried after a deadlock');
          continue;
        }
        throw err;
      }
    }
  }

  private async appendOnce(accountId: string, samples: readonly StoredSample[]): Promise<AppendResult> {
    const metrics: string[] = [];
    const services: string[] = [];
    const ats: string[] = [];
    const values: number[] = [];
    const ids: string[] = [];
    for (const s of samples) {
      metrics.push(s.metric);
      services.push(serviceKey(s.service));
      ats.push(s.at.toISOString());
      values.push(s.value);
      ids.push(s.sampleId ?? '');
    }
    const rows = await this.prisma.$queryRaw<
      Array<{ account_id: string; metric: string; service_id: string; first: Date; last: Date; n: bigint }>
    >`
      WITH input AS (
        SELECT ${accountId}::uuid AS account_id, t.*
        FROM unnest(${metrics}::text[], ${services}::text[], ${ats}::timestamptz[], ${values}::float8[], ${ids}::text[])
          AS t(metric, service_id, at, value, sample_id)
      ),
      new_keys AS (
        INSERT INTO usage_sample_keys (account_id, sample_id, at)
        SELECT account_id, sample_id, at FROM input WHERE sample_id <> ''
        ORDER BY account_id, sample_id
        ON CONFLICT DO NOTHING
        RETURNING account_id, sample_id
      ),
      ins AS (
        INSERT INTO usage_samples (account_id, metric, service_id, at, sample_id, value)
        SELECT i.account_id, i.metric, i.service_id, i.at, i.sample_id, i.value FROM input i
        WHERE i.sample_id = '' OR (i.account_id, i.sample_id) IN (SELECT account_id, sample_id FROM new_keys)
        ON CONFLICT DO NOTHING
        RETURNING account_id, metric, service_id, at, value
      ),
      ${rollupCte('r10', '10m')},
      ${rollupCte('r1h', '1h')},
      ${rollupCte('r1d', '1d')},
      series AS (
        INSERT INTO usage_series AS s (account_id, metric, service_id, first_at, last_at, last_value)
        SELECT account_id, metric, service_id, min(at), max(at), (array_agg(value ORDER BY at DESC))[1]
        FROM ins GROUP BY account_id, metric, service_id ORDER BY account_id, metric, service_id
        ON CONFLICT (account_id, metric, service_id) DO UPDATE SET
          first_at = least(s.first_at, EXCLUDED.first_at),
          last_value = CASE WHEN EXCLUDED.last_at >= s.last_at THEN EXCLUDED.last_value ELSE s.last_value END,
          last_at = greatest(s.last_at, EXCLUDED.last_at)
        RETURNING 1
      )
      SELECT account_id::text, metric, service_id, min(at) AS first, max(at) AS last, count(*) AS n
      FROM ins GROUP BY account_id, metric, service_id`;
    let inserted = 0;
    const touched: TouchedSeries[] = rows.map((r) => {
      inserted += Number(r.n);
      return {
        accountId: r.account_id,
        metric: r.metric,
        service: serviceOf(r.service_id),
        from: r.first,
        to: new Date(r.last.getTime() + 1),
      };
    });
    return { inserted, touched };
  }

  /** The service ids to read: the one asked for, or every service of the metric (from the registry). */
  private async serviceIds(accountId: string, metric: string, service: string | null): Promise<string[]> {
    if (service !== null) return [service];
    const rows = await this.prisma.usageSeries.findMany({
      where: { accountId, metric },
      select: { serviceId: true },
      orderBy: { serviceId: 'asc' },
    });
    return rows.map((r) => r.serviceId);
  }

  async series(read: SeriesRead): Promise<SeriesPoint[]> {
    const rows = await this.bucketRows(
      read,
      read.service === null ? null : [read.service],
      read.from,
      read.to,
    );
    return this.combine(read, rows);
  }

  /**
   * Rows of `read.resolution` in `[from, to)` (bucket starts; raw instants), through the node-postgres pool (many rows;
   * same scope). `serviceIds` null reads every service of the metric: the registry's list, taken in the same
   * statement, is the `service_id` predicate, so the index is read per service. Across services and not grouped by
   * service, the services are combined in SQL (gauge: sums of averages, minima, maxima; counter: sum of sums), so one
   * row per bucket comes back; else one row per bucket and service.
   */
  private async bucketRows(
    read: SeriesRead,
    serviceIds: string[] | null,
    from: Date,
    to: Date,
  ): Promise<BucketRow[]> {
    const params: unknown[] = [read.accountId, read.metric, from, to];
    const ids =
      serviceIds === null
        ? 'ARRAY(SELECT service_id FROM usage_series WHERE account_id = $1 AND metric = $2)'
        : '$5::text[]';
    if (serviceIds !== null) params.push(serviceIds);
    const where = `account_id = $1 AND metric = $2 AND service_id = ANY(${ids})`;
    let inner: string;
    switch (read.resolution) {
      case 'raw':
        inner = `SELECT at, service_id, 1::int AS count, value AS sum, value AS min, value AS max, value AS last
                 FROM usage_samples WHERE ${where} AND at >= $3 AND at < $4`;
        break;
      case '1m':
        inner = `SELECT date_bin('1 minute'::interval, at, '${ORIGIN}'::timestamptz) AS at, service_id, count(*)::int AS count,
                        sum(value) AS sum, min(value) AS min, max(value) AS max, (array_agg(value ORDER BY at DESC))[1] AS last
                 FROM usage_samples WHERE ${where} AND at >= $3 AND at < $4 GROUP BY 1, 2`;
        break;
      default:
        inner = `SELECT bucket_start AS at, service_id, count::float8 AS count, sum, min, max, last
                 FROM ${ROLLUP_TABLE[read.resolution]} WHERE ${where} AND bucket_start >= $3 AND bucket_start < $4`;
    }
    const combined = read.service === null && read.groupByService !== true;
    const sql = !combined
      ? `${inner} ORDER BY at, service_id`
      : read.kind === 'gauge'
        ? `SELECT at, '' AS service_id, sum(count) AS count, sum(sum / count) AS sum, sum(min) AS min, sum(max) AS max, sum(last) AS last
           FROM (${inner}) b GROUP BY at ORDER BY at`
        : `SELECT at, '' AS service_id, sum(count) AS count, sum(sum) AS sum, 0::float8 AS min, 0::float8 AS max, sum(sum) AS last
           FROM (${inner}) b GROUP BY at ORDER BY at`;
    const { rows } = await this.prisma.pgPool.query<BucketRow>(sql, params);
    if (!combined) return rows;
    // Combined gauge rows carry the sum of the services' averages in `sum`.
    return read.kind === 'gauge' ? rows.map((r): BucketRow => ({ ...r, combinedAverage: true })) : rows;
  }

  /** Applies gauge/counter semantics (the services are already combined in SQL when asked). */
  private combine(read: SeriesRead, rows: readonly BucketRow[]): SeriesPoint[] {
    const gauge = read.kind === 'gauge';
    const grouped = read.groupByService === true;
    return rows.map((r) => {
      const count = Number(r.count);
      const service = grouped ? serviceOf(r.service_id) : null;
      if (!gauge) return { at: r.at, service, value: r.sum, min: null, max: null, last: r.sum, count };
      return {
        at: r.at,
        service,
        value: r.combinedAverage ? r.sum : r.sum / count,
        min: r.min,
        max: r.max,
        last: r.last,
        count,
      };
    });
  }

  async rawSamples(read: {
    accountId: string;
    metric: string;
    service: string | null;
    from: Date;
    to: Date;
    limit: number;
    cursor?: RawCursor;
  }): Promise<RawSample[]> {
    const ids = await this.serviceIds(read.accountId, read.metric, read.service);
    if (ids.length === 0) return [];
    const after = read.cursor;
    const rows = await this.prisma.$queryRaw<
      Array<{ at: Date; service_id: string; value: number; sample_id: string }>
    >`
      SELECT at, service_id, value, sample_id FROM usage_samples
      WHERE account_id = ${read.accountId}::uuid AND metric = ${read.metric} AND service_id = ANY(${ids}::text[])
        AND at >= ${read.from} AND at < ${read.to}
        ${after ? Prisma.sql`AND (service_id, at, sample_id) > (${after.service}, ${after.at}, ${after.sampleId})` : Prisma.empty}
      ORDER BY service_id, at, sample_id
      LIMIT ${read.limit}`;
    return rows.map((r) => ({
      at: r.at,
      service: serviceOf(r.service_id),
      value: r.value,
      sampleId: r.sample_id === '' ? null : r.sample_id,
    }));
  }

  async *seriesChunks(read: SeriesRead, chunkSize: number): AsyncIterable<SeriesPoint[]> {
    if (read.resolution === 'raw') {
      let cursor: RawCursor | undefined;
      for (;;) {
        const page = await this.rawSamples({ ...read, limit: chunkSize, cursor });
        if (page.length === 0) return;
        yield page.map((s) => ({
          at: s.at,
          service: s.service,
          value: s.value,
          min: s.value,
          max: s.value,
          last: s.value,
          count: 1,
        }));
        const last = page[page.length - 1]!;
        cursor = { at: last.at, service: serviceKey(last.service), sampleId: last.sampleId ?? '' };
        if (page.length < chunkSize) return;
      }
    }
    const ids = await this.serviceIds(read.accountId, read.metric, read.service);
    if (ids.length === 0) return;
    const bucketMs = read.resolution === '1m' ? 60_000 : ROLLUP[read.resolution].ms;
    // Time windows of at most chunkSize buckets per service: one bounded read at a time.
    const windowMs = Math.max(
      bucketMs,
      Math.floor(chunkSize / (read.groupByService === true ? ids.length : 1)) * bucketMs,
    );
    for (let start = read.from.getTime(); start < read.to.getTime(); start += windowMs) {
      const end = Math.min(start + windowMs, read.to.getTime());
      const rows = await this.bucketRows(read, ids, new Date(start), new Date(end));
      if (rows.length > 0) yield this.combine(read, rows);
    }
  }

  async seriesInfo(accountId: string, metric?: string): Promise<SeriesInfo[]> {
    const rows = await this.prisma.usageSeries.findMany({
      where: { accountId, ...(metric === undefined ? {} : { metric }) },
      orderBy: [{ metric: 'asc' }, { serviceId: 'asc' }],
    });
    return rows.map((r) => ({
      metric: r.metric,
      service: serviceOf(r.serviceId),
      firstAt: r.firstAt,
      lastAt: r.lastAt,
      lastValue: r.lastValue,
    }));
  }

  async totals(
    accountId: string,
    metric: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ service: string | null; sum: number }>> {
    const ids = await this.serviceIds(accountId, metric, null);
    if (ids.length === 0) return [];
    const rows = await this.prisma.$queryRaw<Array<{ service_id: string; sum: number }>>`
      SELECT service_id, sum(sum) AS sum FROM usage_rollups_1d
      WHERE account_id = ${accountId}::uuid AND metric = ${metric} AND service_id = ANY(${ids}::text[])
        AND bucket_start >= ${from} AND bucket_start < ${to}
      GROUP BY service_id ORDER BY service_id`;
    return rows.map((r) => ({ service: serviceOf(r.service_id), sum: r.sum }));
  }

  /** A connection as the tables' owner (`DATABASE_URL`), in the system scope, for DDL and retention. */
  private async withOwner<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("SELECT set_config('app.scope', 'system', false)");
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async ensurePartitions(from: Date, to: Date): Promise<string[]> {
    const created = await this.withOwner((client) => ensureUsagePartitions(client, from, to));
    if (created.length > 0)
      this.logger.log(
        { created: created.length, first: created[0], last: created[created.length - 1] },
        'usage partitions created',
      );
    return created;
  }

  async maintain(now: Date, policy: RetentionPolicy): Promise<MaintenanceReport> {
    const rawCutoff = new Date(now.getTime() - policy.rawDays * DAY_MS);
    const report: MaintenanceReport = { partitionsCreated: [], partitionsDropped: [], rowsDeleted: 0 };
    // Late samples may arrive for the whole raw retention; samples up to 5 minutes ahead, so make 3 days ahead.
    report.partitionsCreated = await this.ensurePartitions(rawCutoff, new Date(now.getTime() + 3 * DAY_MS));
    await this.withOwner(async (client) => {
      report.partitionsDropped.push(...(await dropPartitionsBefore(client, SAMPLE_PARTITIONS, rawCutoff)));
      if (policy.tenMinuteDays !== null) {
        report.partitionsDropped.push(
          ...(await dropPartitionsBefore(
            client,
            ROLLUP_10M_PARTITIONS,
            new Date(now.getTime() - policy.tenMinuteDays * DAY_MS),
          )),
        );
      }
      // Per account, so every statement names its account (distributable by account).
      const { rows: accounts } = await client.query<{ id: string }>('SELECT id FROM accounts ORDER BY id');
      for (const { id } of accounts) {
        const keys = await client.query('DELETE FROM usage_sample_keys WHERE account_id = $1 AND at < $2', [
          id,
          rawCutoff,
        ]);
        report.rowsDeleted += keys.rowCount ?? 0;
        for (const [table, days] of [
          ['usage_rollups_1h', policy.hourDays],
          ['usage_rollups_1d', policy.dayDays],
        ] as const) {
          if (days === null) continue;
          const result = await client.query(
            `DELETE FROM ${table} WHERE account_id = $1 AND bucket_start < $2`,
            [id, new Date(now.getTime() - days * DAY_MS)],
          );
          report.rowsDeleted += result.rowCount ?? 0;
        }
      }
    });
    if (report.partitionsDropped.length > 0 || report.rowsDeleted > 0) {
      this.logger.log(
        { dropped: report.partitionsDropped.length, rowsDeleted: report.rowsDeleted },
        'usage retention applied',
      );
    }
    return report;
  }
}

/** Resolutions of {@link ReadResolution} that are stored rollups. */
export function isRollup(resolution: ReadResolution): resolution is RollupResolution {
  return resolution === '10m' || resolution === '1h' || resolution === '1d';
}
