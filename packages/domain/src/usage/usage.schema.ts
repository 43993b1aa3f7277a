import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';

/** Metered quantities. `disk` is a gauge (bytes in use); `bandwidth` a counter (bytes transferred in the sample's minute). */
export const usageMetricSchema = z.enum(['disk', 'bandwidth']);
export type UsageMetric = z.infer<typeof usageMetricSchema>;

/** Unit of each metric's values. */
export const USAGE_METRIC_UNIT: Readonly<Record<UsageMetric, 'bytes'>> = { disk: 'bytes', bandwidth: 'bytes' };

/** Resolution of a usage series: raw samples, or rollups of 1 minute, 10 minutes or 1 hour. */
export const usageBucketSchema = z.enum(['raw', '1m', '10m', '1h']);
export type UsageBucket = z.infer<typeof usageBucketSchema>;

/** Length of each bucket in ms (`raw` has none). */
export const USAGE_BUCKET_MS: Readonly<Record<UsageBucket, number | null>> = {
  raw: null,
  '1m': 60_000,
  '10m': 600_000,
  '1h': 3_600_000,
};

/** One usage sample as recorded: `value` in the metric's unit at instant `at`. */
export const usageSampleSchema = z.object({
  metric: usageMetricSchema,
  at: isoTimestampSchema,
  value: z.number().finite().min(0),
});
export type UsageSample = z.infer<typeof usageSampleSchema>;

/** Longest range a usage query may span: 400 days, in ms. */
export const MAX_USAGE_RANGE_MS = 400 * 24 * 3_600_000;

/** `GET .../usage` query: `metric`, `from` and `to` (ISO timestamps, from < to, at most 400 days apart). */
export const usageQuerySchema = z
  .object({
    metric: usageMetricSchema,
    from: isoTimestampSchema,
    to: isoTimestampSchema,
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_USAGE_RANGE_MS, {
    message: 'range must not exceed 400 days',
    path: ['to'],
  });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/**
 * One point of a series. For rollups `at` is the bucket start and `value` the average of the bucket's samples;
 * `min`/`max` bound them (equal to `value` for raw points).
 */
export const usagePointSchema = z.object({
  at: isoTimestampSchema,
  value: z.number(),
  min: z.number(),
  max: z.number(),
});
export type UsagePoint = z.infer<typeof usagePointSchema>;

/** `GET .../usage` response: the series at the resolution chosen for the range. */
export const usageSeriesSchema = z.object({
  metric: usageMetricSchema,
  unit: z.enum(['bytes']),
  bucket: usageBucketSchema,
  /** Bucket length in ms; null for raw samples. */
  bucketMs: z.number().int().nullable(),
  from: isoTimestampSchema,
  to: isoTimestampSchema,
  points: z.array(usagePointSchema),
});
export type UsageSeries = z.infer<typeof usageSeriesSchema>;

/** Level of a usage tile against its limit: ok < 75 %, warning < 90 %, critical from 90 %. */
export const usageLevelSchema = z.enum(['ok', 'warning', 'critical', 'unknown']);
export type UsageLevel = z.infer<typeof usageLevelSchema>;

/** Current-period usage of one metric against the plan's limit (dashboard tile). */
export const usageTileSchema = z.object({
  metric: usageMetricSchema,
  unit: z.enum(['bytes']),
  /** Disk: latest gauge; bandwidth: sum over the current billing month. */
  used: z.number().min(0),
  limit: z.number().min(0).nullable(),
  /**
   * Whether the plan's limits could be read. With `limit: null`, true means the plan is unlimited, false that the
   * billing system could not be read just now (the limit is unknown, not absent).
   */
  limitKnown: z.boolean(),
  /** used / limit, null without a limit. */
  ratio: z.number().min(0).nullable(),
  level: usageLevelSchema,
  periodStart: isoTimestampSchema,
});
export type UsageTile = z.infer<typeof usageTileSchema>;

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

const HOUR_MS = 3_600_000;

/**
 * Chooses the series resolution from the range length: up to 8 h raw samples, up to 1 day 1-minute rollups,
 * up to 4 days 10-minute rollups, longer 1-hour rollups.
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
  return '1h';
}
