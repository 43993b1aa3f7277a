import type { UsageMetricKind } from '@portico/domain';

/**
 * Storage of usage samples and their rollups. PostgreSQL is the only adapter (`PostgresUsageStore`): samples in a
 * table partitioned by time, rollups at 10 minutes, 1 hour and 1 day maintained as samples arrive, a registry of
 * series. Every method works on one account at a time (the account id is in every query, so the tables can be
 * distributed by account), and runs in the caller's database scope (row-level security applies).
 *
 * Units: values are in the metric's unit (catalog); instants are `Date`s; ranges are half-open `[from, to)`.
 */

/** A sample ready to store: validated against the catalog, its account resolved. */
export interface StoredSample {
  accountId: string;
  metric: string;
  /** The service (WHMCS service id) for metrics with the service dimension; null for the others. */
  service: string | null;
  at: Date;
  value: number;
  /**
   * The metering system's id of the sample, or null. With an id a sample is recorded once per (account, id);
   * without, once per (account, metric, service, at).
   */
  sampleId: string | null;
}

/** One series (account, metric, service) that received samples, and the span of instants it received. */
export interface TouchedSeries {
  accountId: string;
  metric: string;
  service: string | null;
  from: Date;
  to: Date;
}

/** What {@link UsageStore.append} did. */
export interface AppendResult {
  /** Samples newly recorded (the rest of the input had been recorded before). */
  inserted: number;
  /** Series with newly recorded samples. */
  touched: TouchedSeries[];
}

/** Stored rollup resolutions. */
export type RollupResolution = '10m' | '1h' | '1d';
/** What a read may ask for: raw samples, 1-minute buckets (aggregated at read time) or a stored rollup. */
export type ReadResolution = 'raw' | '1m' | RollupResolution;

/**
 * A series to read: one account's metric, for one service or combined across its services.
 * `service: null` combines every service of the metric (gauge: the sum of the services' averages, minima and
 * maxima per bucket; counter: the sum of their sums). With `groupByService`, each service comes separately.
 */
export interface SeriesRead {
  accountId: string;
  metric: string;
  kind: UsageMetricKind;
  service: string | null;
  resolution: ReadResolution;
  from: Date;
  to: Date;
  groupByService?: boolean;
}

/**
 * One point of a read series. Gauge: `value` average, `min`/`max` bounds, `last` the value of the bucket's latest
 * sample (summed across services when combined). Counter: `value` the sum, `min`/`max` null, `last` = `value`.
 * `count` is the number of samples aggregated.
 */
export interface SeriesPoint {
  at: Date;
  /** The service of the point with `groupByService`; else null. */
  service: string | null;
  value: number;
  min: number | null;
  max: number | null;
  last: number;
  count: number;
}

/** A raw stored sample, for drill-down and export. */
export interface RawSample {
  at: Date;
  service: string | null;
  value: number;
  sampleId: string | null;
}

/** Keyset position after which a raw page continues (the last sample of the previous page). */
export interface RawCursor {
  at: Date;
  service: string;
  sampleId: string;
}

/** One series of the registry: its span and latest sample. */
export interface SeriesInfo {
  metric: string;
  service: string | null;
  firstAt: Date;
  lastAt: Date;
  /** Value of the latest sample (instant `lastAt`). */
  lastValue: number;
}

/** How long each resolution is kept, in days; null keeps it forever. Raw must be the shortest. */
export interface RetentionPolicy {
  rawDays: number;
  tenMinuteDays: number | null;
  hourDays: number | null;
  dayDays: number | null;
}

/** What a maintenance pass did. */
export interface MaintenanceReport {
  partitionsCreated: string[];
  partitionsDropped: string[];
  rowsDeleted: number;
}

export abstract class UsageStore {
  /**
   * Records samples idempotently and updates only the rollup buckets and series they touch, in one transaction:
   * when it resolves, the new samples and their rollups are durable.
   */
  abstract append(samples: readonly StoredSample[]): Promise<AppendResult>;

  /** A series at `read.resolution`, oldest first (buckets without samples are absent). */
  abstract series(read: SeriesRead): Promise<SeriesPoint[]>;

  /**
   * Raw samples of one metric (one service, or every service when `service` is null), oldest first, at most
   * `limit`, after `cursor` when given.
   */
  abstract rawSamples(read: {
    accountId: string;
    metric: string;
    service: string | null;
    from: Date;
    to: Date;
    limit: number;
    cursor?: RawCursor;
  }): Promise<RawSample[]>;

  /**
   * The same as {@link series} (or {@link rawSamples} for `raw`), in chunks of at most `chunkSize` points, read
   * one chunk at a time (keyset pagination), so a caller streaming them holds one chunk in memory.
   */
  abstract seriesChunks(read: SeriesRead, chunkSize: number): AsyncIterable<SeriesPoint[]>;

  /** The account's series (every metric, or `metric`'s). */
  abstract seriesInfo(accountId: string, metric?: string): Promise<SeriesInfo[]>;

  /** Sum of each service's samples of a counter over `[from, to)` (whole UTC days: read from the daily rollups). */
  abstract totals(
    accountId: string,
    metric: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ service: string | null; sum: number }>>;

  /**
   * Creates the time partitions covering `[from, to)` that are missing (idempotent; safe across instances).
   * Runs as the database owner: the application role owns no table.
   */
  abstract ensurePartitions(from: Date, to: Date): Promise<string[]>;

  /** Drops raw partitions and deletes rollups older than `policy` allows, as of `now`; creates partitions ahead. */
  abstract maintain(now: Date, policy: RetentionPolicy): Promise<MaintenanceReport>;
}
