import { Injectable } from '@nestjs/common';
import {
  chooseUsageBucket,
  USAGE_BUCKET_MS,
  USAGE_METRIC_UNIT,
  usageMetricSchema,
  type UsageMetric,
  type UsageQuery,
  type UsageSeries,
} from '@portico/domain';
import { UsageRepository, type UsageRow } from './usage.repository';

/** Current-period usage of one metric (dashboard tile input). */
export interface CurrentPeriodUsage {
  metric: UsageMetric;
  /** Bytes: disk = latest gauge sample; bandwidth = sum since `periodStart`. */
  used: number;
  /** ISO 8601 start of the current UTC month. */
  periodStart: string;
}

/** Start of the UTC calendar month containing `now`. */
export function startOfUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Floors `at` to a multiple of `ms` since the epoch. */
function floorTo(at: Date, ms: number): Date {
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/** Usage series and current-period totals. */
@Injectable()
export class UsageService {
  constructor(private readonly repository: UsageRepository) {}

  /**
   * The series of `query.metric` over `[from, to)` at the resolution {@link chooseUsageBucket} picks:
   * raw samples up to 8 h, else buckets whose `value` is the average (sum / count) with min and max.
   */
  async series(accountId: string, query: UsageQuery): Promise<UsageSeries> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const bucket = chooseUsageBucket(from.getTime(), to.getTime());
    const bucketMs = USAGE_BUCKET_MS[bucket];
    let rows: UsageRow[];
    switch (bucket) {
      case 'raw':
        rows = await this.repository.samples(accountId, query.metric, from, to);
        break;
      case '1m':
        rows = await this.repository.minuteBuckets(accountId, query.metric, from, to);
        break;
      case '10m':
      case '1h':
        rows = await this.repository.rollups(accountId, query.metric, bucket, floorTo(from, bucketMs ?? 1), to);
        break;
    }
    return {
      metric: query.metric,
      unit: USAGE_METRIC_UNIT[query.metric],
      bucket,
      bucketMs,
      from: from.toISOString(),
      to: to.toISOString(),
      points: rows.map((r) => ({ at: r.at.toISOString(), value: r.count > 0 ? r.sum / r.count : 0, min: r.min, max: r.max })),
    };
  }

  /** Usage of every metric in the current UTC month: disk is the latest sample, bandwidth the month's sum. */
  async currentPeriod(accountId: string, now: Date = new Date()): Promise<CurrentPeriodUsage[]> {
    const periodStart = startOfUtcMonth(now);
    const [disk, bandwidth] = await Promise.all([
      this.repository.latestValue(accountId, 'disk', now),
      this.repository.sum(accountId, 'bandwidth', periodStart, new Date(now.getTime() + 1)),
    ]);
    const iso = periodStart.toISOString();
    return usageMetricSchema.options.map((metric) => ({
      metric,
      used: metric === 'disk' ? (disk ?? 0) : bandwidth,
      periodStart: iso,
    }));
  }
}
