import { Injectable } from '@nestjs/common';
import {
  chooseUsageBucket,
  USAGE_BUCKET_MS,
  usagePeriodOf,
  type AccountUsageCatalog,
  type Locale,
  type MetricDefinition,
  type UsageBucket,
  type UsageExportQuery,
  type UsageProjection,
  type UsageQuery,
  type UsageSamplePage,
  type UsageSamplesQuery,
  type UsageSeries,
} from '@portico/domain';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { AppException } from '../../core/http/app.exception';
import { DbContext } from '../../core/prisma/db-context';
import { MetricCatalogService } from './catalog/metric-catalog';
import { metricLimit } from './usage-limits.mapper';
import { projectCounter, projectGauge, type DailyValue } from './usage-projection';
import { UsageServicesService } from './usage-services.service';
import { UsageStore, type RawCursor, type ReadResolution, type SeriesPoint } from './usage-store.port';

const DAY_MS = 86_400_000;
/** Days of history a projection regresses on. */
const PROJECTION_DAYS = 30;
/** Points per chunk of a CSV export (one chunk in memory at a time). */
const EXPORT_CHUNK = 5_000;

/**
 * The projection of a metric to the end of the billing period holding `now` from its daily rollups: gauges on each
 * day's last value, counters on the complete days' sums plus what today and the period hold so far.
 */
function project(
  metric: MetricDefinition,
  days: readonly SeriesPoint[],
  limit: number | null,
  now: Date,
): UsageProjection | null {
  const today = floorTo(now, DAY_MS);
  const period = usagePeriodOf(now);
  if (metric.kind === 'gauge') {
    const daily: DailyValue[] = days.map((d) => ({ t: d.at.getTime(), v: d.last }));
    return projectGauge(daily, now, period.end, limit);
  }
  const complete = days
    .filter((d) => d.at.getTime() < today.getTime())
    .map((d) => ({ t: d.at.getTime(), v: d.value }));
  const soFar = days
    .filter((d) => d.at.getTime() >= period.start.getTime())
    .reduce((sum, d) => sum + d.value, 0);
  return projectCounter(complete, soFar, now, period.end, limit);
}

/** Floors `at` to a multiple of `ms` since the epoch (buckets are UTC-aligned). */
function floorTo(at: Date, ms: number): Date {
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

const encodeCursor = (c: RawCursor): string =>
  Buffer.from(JSON.stringify([c.at.toISOString(), c.service, c.sampleId])).toString('base64url');
function decodeCursor(text: string): RawCursor {
  try {
    const [at, service, sampleId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof service === 'string' &&
      typeof sampleId === 'string' &&
      !Number.isNaN(Date.parse(at))
    ) {
      return { at: new Date(at), service, sampleId };
    }
  } catch {
    // fall through
  }
  throw AppException.validation([{ path: 'query.cursor', message: 'not a cursor of this listing' }]);
}

/**
 * Usage reads: series with the catalog's gauge/counter semantics at the resolution the range picks (per service or
 * across services), raw drill-down pages, streamed CSV exports, projections, and the catalog with the account's
 * services.
 */
@Injectable()
export class UsageService {
  constructor(
    private readonly catalog: MetricCatalogService,
    private readonly store: UsageStore,
    private readonly services: UsageServicesService,
  ) {}

  /** @throws AppException 400 for a metric the catalog does not hold */
  metric(key: string): MetricDefinition {
    const metric = this.catalog.find(key);
    if (!metric)
      throw AppException.validation([
        { path: 'query.metric', message: `Unknown metric ${JSON.stringify(key)}` },
      ]);
    return metric;
  }

  /** @throws AppException 400 for a service on a metric without the dimension */
  private serviceOf(metric: MetricDefinition, service: string | undefined): string | null {
    if (service === undefined) return null;
    if (!metric.perService)
      throw AppException.validation([
        { path: 'query.service', message: `${metric.key} is measured per account` },
      ]);
    return service;
  }

  /** The metric catalog, its texts in `locale` (see `MetricCatalogService.metricsIn`), and the account's services. */
  async accountCatalog(accountId: string, locale: Locale = 'en'): Promise<AccountUsageCatalog> {
    const services = await this.services.list(accountId);
    return {
      metrics: [...this.catalog.metricsIn(locale)],
      services: services.map((s) => ({ id: s.service, name: s.name, status: s.status })),
    };
  }

  /**
   * The series of `query.metric` over `[from, to)` at the resolution {@link chooseUsageBucket} picks (bucket starts
   * UTC-aligned, the first bucket holding `from`), its total (counters), limit and, when the range reaches the
   * present, the projection to the end of the billing period.
   */
  async series(accountId: string, query: UsageQuery, now: Date = new Date()): Promise<UsageSeries> {
    const metric = this.metric(query.metric);
    const service = this.serviceOf(metric, query.service);
    const from = new Date(query.from);
    const to = new Date(query.to);
    const bucket = chooseUsageBucket(from.getTime(), to.getTime());
    const bucketMs = USAGE_BUCKET_MS[bucket];
    const readFrom = bucketMs === null ? from : floorTo(from, bucketMs);
    const reachesNow = to.getTime() >= now.getTime() - (bucketMs ?? 60_000);
    // Three independent reads at once: the series, the services (for the limit), the daily history (projection).
    const [points, services, daily] = await Promise.all([
      this.store.series({
        accountId,
        metric: metric.key,
        kind: metric.kind,
        service,
        resolution: bucket,
        from: readFrom,
        to,
      }),
      metric.limit.from === 'none' ? Promise.resolve([]) : this.services.list(accountId),
      reachesNow ? this.dailyHistory(accountId, metric, service, now) : Promise.resolve(null),
    ]);
    const limit = metricLimit(metric, services.length > 0 ? services : null, service) ?? null;
    return {
      metric: metric.key,
      unit: metric.unit,
      kind: metric.kind,
      service,
      bucket,
      bucketMs,
      from: from.toISOString(),
      to: to.toISOString(),
      points: points.map((p) => ({ at: p.at.toISOString(), value: p.value, min: p.min, max: p.max })),
      total: metric.kind === 'counter' ? points.reduce((sum, p) => sum + p.value, 0) : null,
      limit,
      projection: daily === null ? null : project(metric, daily, limit, now),
    };
  }

  /** The last {@link PROJECTION_DAYS} days (and today) of daily rollups a projection regresses on. */
  private dailyHistory(
    accountId: string,
    metric: MetricDefinition,
    service: string | null,
    now: Date,
  ): Promise<SeriesPoint[]> {
    const today = floorTo(now, DAY_MS);
    return this.store.series({
      accountId,
      metric: metric.key,
      kind: metric.kind,
      service,
      resolution: '1d',
      from: new Date(today.getTime() - PROJECTION_DAYS * DAY_MS),
      to: new Date(today.getTime() + DAY_MS),
    });
  }

  /**
   * The projection of one metric (one service, or across services) to the end of the billing period holding
   * `now`, from the last {@link PROJECTION_DAYS} days of daily rollups; null without enough history.
   */
  async projection(
    accountId: string,
    metric: MetricDefinition,
    service: string | null,
    limit: number | null,
    now: Date = new Date(),
  ): Promise<UsageProjection | null> {
    return project(metric, await this.dailyHistory(accountId, metric, service, now), limit, now);
  }

  /** One page of raw samples (no aggregation), ordered by service then time. */
  async samples(accountId: string, query: UsageSamplesQuery): Promise<UsageSamplePage> {
    const metric = this.metric(query.metric);
    const service = this.serviceOf(metric, query.service);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = await this.store.rawSamples({
      accountId,
      metric: metric.key,
      service,
      from: new Date(query.from),
      to: new Date(query.to),
      limit: query.limit + 1,
      cursor,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      metric: metric.key,
      unit: metric.unit,
      items: page.map((r) => ({
        at: r.at.toISOString(),
        service: r.service,
        value: r.value,
        id: r.sampleId,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ at: last.at, service: last.service ?? '', sampleId: last.sampleId ?? '' })
          : null,
    };
  }

  /**
   * The series as CSV (RFC 4180, header row), streamed: points are read in chunks of {@link EXPORT_CHUNK} and
   * written as the client takes them (backpressure), so memory stays constant whatever the range. Columns: gauge
   * `timestamp,service,average,min,max,samples`; counter `timestamp,service,sum,samples`; raw
   * `timestamp,service,value,sample_id`. `service` is empty across services.
   */
  export(
    accountId: string,
    query: UsageExportQuery,
  ): { stream: Readable; fileName: string; bucket: UsageBucket } {
    const metric = this.metric(query.metric);
    const service = this.serviceOf(metric, query.service);
    const from = new Date(query.from);
    const to = new Date(query.to);
    const bucket: UsageBucket = query.bucket ?? chooseUsageBucket(from.getTime(), to.getTime());
    const bucketMs = USAGE_BUCKET_MS[bucket];
    const resolution: ReadResolution = bucket;
    const raw = bucket === 'raw';
    const gauge = metric.kind === 'gauge';
    const columns = raw
      ? ['timestamp', 'service', `value_${metric.unit}`]
      : gauge
        ? [
            'timestamp',
            'service',
            `average_${metric.unit}`,
            `min_${metric.unit}`,
            `max_${metric.unit}`,
            'samples',
          ]
        : ['timestamp', 'service', `sum_${metric.unit}`, 'samples'];
    // The stream is read after the handler returned, as the client takes it: each chunk's query runs in the
    // request's database scope, captured here.
    const scope = DbContext.current();
    const chunks = this.store.seriesChunks(
      {
        accountId,
        metric: metric.key,
        kind: metric.kind,
        service,
        resolution,
        from: bucketMs === null ? from : floorTo(from, bucketMs),
        to,
        groupByService: raw,
      },
      EXPORT_CHUNK,
    );
    const rows = async function* (): AsyncGenerator<Array<string | number>> {
      const iterator = chunks[Symbol.asyncIterator]();
      for (;;) {
        const next = scope ? await DbContext.run(scope, () => iterator.next()) : await iterator.next();
        if (next.done) return;
        for (const p of next.value) {
          const at = p.at.toISOString();
          const svc = p.service ?? service ?? '';
          if (raw) yield [at, svc, p.value];
          else if (gauge) yield [at, svc, p.value, p.min ?? '', p.max ?? '', p.count];
          else yield [at, svc, p.value, p.count];
        }
      }
    };
    const csv = stringify({ header: true, columns, escape_formulas: true, record_delimiter: 'windows' });
    const source = Readable.from(rows());
    source.on('error', (err) => csv.destroy(err));
    source.pipe(csv);
    const stamp = (d: Date) => d.toISOString().slice(0, 16).replace(/[-:]/g, '');
    return {
      stream: csv,
      fileName: `usage-${metric.key}${service ? `-${service}` : ''}-${bucket}-${stamp(from)}-${stamp(to)}.csv`,
      bucket,
    };
  }
}
