import { z } from 'zod';
import { MAX_USAGE_SAMPLES_RANGE_MS } from './usage-period';
import { isoTimestampSchema } from '../common/date-range.schema';
import {
  metricCatalogSchema,
  usageMetricKeySchema,
  usageMetricKindSchema,
  usageUnitSchema,
} from './metric-catalog.schema';

/**
 * A metric key as requests and events carry it. Which keys exist is the catalog's business (`config/metrics.yaml`);
 * the BFF answers 400 for a key the catalog does not hold.
 */
export const usageMetricSchema = usageMetricKeySchema;
export type UsageMetric = z.infer<typeof usageMetricSchema>;

/** A service id (the WHMCS service id, `tblhosting.id`, as a string): the per-service dimension of a metric. */
export const usageServiceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'service ids are 1-64 letters, digits, _ . : -');

/** Resolution of a usage series: raw samples, or buckets of 1 minute, 10 minutes, 1 hour or 1 day (UTC). */
export const usageBucketSchema = z.enum(['raw', '1m', '10m', '1h', '1d']);
export type UsageBucket = z.infer<typeof usageBucketSchema>;

/** Length of each bucket in ms (`raw` has none). */
export const USAGE_BUCKET_MS: Readonly<Record<UsageBucket, number | null>> = {
  raw: null,
  '1m': 60_000,
  '10m': 600_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** Longest range a usage query may span: 400 days, in ms. */
export const MAX_USAGE_RANGE_MS = 400 * 24 * 3_600_000;

const HOUR_MS = 3_600_000;

/**
 * Chooses the series resolution from the range length: up to 8 h raw samples, up to 1 day 1-minute buckets, up to
 * 4 days 10-minute buckets, up to 90 days 1-hour buckets, longer 1-day buckets.
 * @param fromMs range start, epoch ms
 * @param toMs range end, epoch ms
 * @throws RangeError when `toMs <= fromMs`
 */
export function chooseUsageBucket(fromMs: number, toMs: number): UsageBucket {
  const span = toMs - fromMs;
  if (!(span > 0)) throw new RangeError('usage range must have from before to');
  if (span <= 8 * HOUR_MS) return 'raw';
  if (span <= 24 * HOUR_MS) return '1m';
  if (span <= 96 * HOUR_MS) return '10m';
  if (span <= 90 * 24 * HOUR_MS) return '1h';
  return '1d';
}

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
type RangeShape = { from: typeof isoTimestampSchema; to: typeof isoTimestampSchema };
/** Adds the range checks (from before to, at most `maxMs` apart) to a query object, keeping its object type. */
function withRange<S extends z.ZodObject<RangeShape>>(schema: S, maxMs: number, maxLabel: string): S {
  const span = (q: unknown) => q as { from: string; to: string };
  return schema
    .refine((q) => Date.parse(span(q).from) < Date.parse(span(q).to), {
      message: 'from must be before to',
      path: ['from'],
    })
    .refine((q) => Date.parse(span(q).to) - Date.parse(span(q).from) <= maxMs, {
      message: `range must not exceed ${maxLabel}`,
      path: ['to'],
    });
}

/**
 * `GET .../usage` query: `metric`, `from` (inclusive) and `to` (exclusive) ISO timestamps at most 400 days apart, and
 * `service` (one service's series; absent: across the account's services).
 */
export const usageQuerySchema = withRange(
  z.object({
    metric: usageMetricSchema,
    from: isoTimestampSchema,
    to: isoTimestampSchema,
    service: z.preprocess(blankToUndefined, usageServiceIdSchema.optional()),
  }),
  MAX_USAGE_RANGE_MS,
  '400 days',
);
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/**
 * One point of a series; `at` is the bucket start (or the sample's instant for raw points).
 * - gauge: `value` is the average of the bucket's samples, `min`/`max` bound them; across services, the sum of
 *   the services' averages (and of their minima and maxima);
 * - counter: `value` is the sum of the bucket's samples; `min`/`max` are null.
 */
export const usagePointSchema = z.object({
  at: isoTimestampSchema,
  value: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type UsagePoint = z.infer<typeof usagePointSchema>;

/**
 * A projection of a metric to the end of the billing period (calendar month, UTC), by least-squares linear
 * regression: gauges on their daily last values, counters on their daily sums (the period total projected).
 * `low`/`high` bound a 95 % prediction interval. `limitCrossingAt` is when the projected line reaches the limit
 * (null: no limit, already over it, or not within a year); `basis` is the number of days regressed.
 */
export const usageProjectionSchema = z.object({
  periodEnd: isoTimestampSchema,
  value: z.number(),
  low: z.number(),
  high: z.number(),
  limitCrossingAt: isoTimestampSchema.nullable(),
  /** Change per day of the regressed value (gauge: level per day; counter: daily amount per day). */
  slopePerDay: z.number(),
  basis: z.number().int().min(2),
});
export type UsageProjection = z.infer<typeof usageProjectionSchema>;

/** `GET .../usage` response: the series at the resolution chosen for the range. */
export const usageSeriesSchema = z.object({
  metric: usageMetricSchema,
  unit: usageUnitSchema,
  kind: usageMetricKindSchema,
  /** The service of the series; null across the account's services. */
  service: z.string().nullable(),
  bucket: usageBucketSchema,
  /** Bucket length in ms; null for raw samples. */
  bucketMs: z.number().int().nullable(),
  from: isoTimestampSchema,
  to: isoTimestampSchema,
  points: z.array(usagePointSchema),
  /** Counter: the sum over the range; gauge: null. */
  total: z.number().nullable(),
  /** The limit of the metric (the series' service, or the account) in its unit; null without one or unknown. */
  limit: z.number().nullable(),
  /** Projection to the end of the current billing period, when the range reaches the present and history allows. */
  projection: usageProjectionSchema.nullable(),
});
export type UsageSeries = z.infer<typeof usageSeriesSchema>;

/**
 * `GET .../usage/samples` query: raw samples, no aggregation, over at most 31 days, oldest first, in pages of
 * `limit` (1..1000, default 500) continued with the previous page's `nextCursor`.
 */
export const usageSamplesQuerySchema = withRange(
  z.object({
    metric: usageMetricSchema,
    from: isoTimestampSchema,
    to: isoTimestampSchema,
    service: z.preprocess(blankToUndefined, usageServiceIdSchema.optional()),
    cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  }),
  MAX_USAGE_SAMPLES_RANGE_MS,
  '31 days',
);
export type UsageSamplesQuery = z.infer<typeof usageSamplesQuerySchema>;

/** One stored sample as a drill-down lists it. */
export const usageSampleViewSchema = z.object({
  at: isoTimestampSchema,
  /** Service id, or null for a metric without the per-service dimension. */
  service: z.string().nullable(),
  value: z.number(),
  /** The id the metering system gave the sample, or null. */
  id: z.string().nullable(),
});
export type UsageSampleView = z.infer<typeof usageSampleViewSchema>;

/** One page of raw samples; `nextCursor` is null on the last page. */
export const usageSamplePageSchema = z.object({
  metric: usageMetricSchema,
  unit: usageUnitSchema,
  items: z.array(usageSampleViewSchema),
  nextCursor: z.string().nullable(),
});
export type UsageSamplePage = z.infer<typeof usageSamplePageSchema>;

/**
 * `GET .../usage.csv` query: like {@link usageQuerySchema} plus an optional `bucket` (default: the one the range
 * picks). The export is streamed, any length.
 */
export const usageExportQuerySchema = withRange(
  z.object({
    metric: usageMetricSchema,
    from: isoTimestampSchema,
    to: isoTimestampSchema,
    service: z.preprocess(blankToUndefined, usageServiceIdSchema.optional()),
    bucket: z.preprocess(blankToUndefined, usageBucketSchema.optional()),
  }),
  MAX_USAGE_RANGE_MS,
  '400 days',
);
export type UsageExportQuery = z.infer<typeof usageExportQuerySchema>;

/** A service of the account as the usage pages name it. */
export const usageServiceSchema = z.object({
  id: z.string(),
  /** Product name and domain (`Business Hosting · acme.example`). */
  name: z.string(),
  status: z.string(),
});
export type UsageService = z.infer<typeof usageServiceSchema>;

/** Level of a usage tile against its limit: ok < 75 %, warning < 90 %, critical from 90 %. */
export const usageLevelSchema = z.enum(['ok', 'warning', 'critical', 'unknown']);
export type UsageLevel = z.infer<typeof usageLevelSchema>;

/** Ratio thresholds of {@link usageLevelSchema}. */
export const USAGE_LEVEL_THRESHOLDS = { warning: 0.75, critical: 0.9 } as const;

/** Classifies a used amount against a limit. */
export function usageLevel(used: number, limit: number | null): UsageLevel {
  if (limit === null || limit <= 0) return 'unknown';
  const ratio = used / limit;
  if (ratio >= USAGE_LEVEL_THRESHOLDS.critical) return 'critical';
  if (ratio >= USAGE_LEVEL_THRESHOLDS.warning) return 'warning';
  return 'ok';
}

/** One service's share of a tile. */
export const usageTileServiceSchema = z.object({
  service: z.string(),
  name: z.string(),
  used: z.number().min(0),
  limit: z.number().min(0).nullable(),
  /** When this figure was measured (WHMCS `lastupdate`, or the last sample). */
  measuredAt: isoTimestampSchema.nullable(),
});
export type UsageTileService = z.infer<typeof usageTileServiceSchema>;

/** Current-period usage of one metric against its limit (dashboard tile). */
export const usageTileSchema = z.object({
  metric: usageMetricSchema,
  label: z.string(),
  unit: usageUnitSchema,
  kind: usageMetricKindSchema,
  /** Gauge: the latest value; counter: the sum over the current billing period. */
  used: z.number().min(0),
  limit: z.number().min(0).nullable(),
  /**
   * Whether the limit could be read. With `limit: null`, true means there is no limit, false that the billing system
   * could not be read just now (the limit is unknown, not absent).
   */
  limitKnown: z.boolean(),
  /** used / limit, null without a limit. */
  ratio: z.number().min(0).nullable(),
  level: usageLevelSchema,
  /** Start of the current billing period (calendar month, UTC). */
  periodStart: isoTimestampSchema,
  periodEnd: isoTimestampSchema,
  /**
   * Where `used` comes from: `whmcs` (the billing system's own figures, `diskusage`/`bwusage`, as of `measuredAt`
   * = the newest `lastupdate`) or `portico` (the recorded samples, as of the newest sample).
   */
  source: z.enum(['whmcs', 'portico']),
  measuredAt: isoTimestampSchema.nullable(),
  projection: usageProjectionSchema.nullable(),
  /** Per-service figures (metrics with the service dimension), largest first. */
  services: z.array(usageTileServiceSchema),
});
export type UsageTile = z.infer<typeof usageTileSchema>;

/** `GET .../usage/catalog`: the metric catalog and the account's services (the per-service dimension's values). */
export const accountUsageCatalogSchema = metricCatalogSchema.extend({
  services: z.array(usageServiceSchema),
});
export type AccountUsageCatalog = z.infer<typeof accountUsageCatalogSchema>;
