import { Injectable } from '@nestjs/common';
import type { UsageMetric } from '@portico/domain';
import { PrismaService } from '../../core/prisma/prisma.service';

/** One aggregated bucket or raw sample as read from the database (values in the metric's unit). */
export interface UsageRow {
  at: Date;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Usage reads (the only usage file touching Prisma). Ranges are half-open `[from, to)`. */
@Injectable()
export class UsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Raw samples in the range, oldest first. */
  async samples(accountId: string, metric: UsageMetric, from: Date, to: Date): Promise<UsageRow[]> {
    const rows = await this.prisma.usageSample.findMany({
      where: { accountId, metric, at: { gte: from, lt: to } },
      orderBy: { at: 'asc' },
      select: { at: true, value: true },
    });
    return rows.map((r) => ({ at: r.at, count: 1, sum: r.value, min: r.value, max: r.value }));
  }

  /**
   * 1-minute buckets aggregated from the samples at read time (samples arrive once a minute, so these buckets are
   * not stored a second time).
   */
  async minuteBuckets(accountId: string, metric: UsageMetric, from: Date, to: Date): Promise<UsageRow[]> {
    const rows = await this.prisma.$queryRaw<{ at: Date; count: bigint; sum: number; min: number; max: number }[]>`
      SELECT date_trunc('minute', at) AS at, count(*) AS count, sum(value) AS sum, min(value) AS min, max(value) AS max
      FROM usage_samples
      WHERE account_id = ${accountId}::uuid AND metric = ${metric} AND at >= ${from} AND at < ${to}
      GROUP BY 1 ORDER BY 1`;
    return rows.map((r) => ({ at: r.at, count: Number(r.count), sum: r.sum, min: r.min, max: r.max }));
  }

  /** Stored rollups of `resolution` whose bucket starts in `[from, to)`, oldest first. */
  async rollups(accountId: string, metric: UsageMetric, resolution: '10m' | '1h', from: Date, to: Date): Promise<UsageRow[]> {
    const rows = await this.prisma.usageRollup.findMany({
      where: { accountId, metric, resolution, bucketStart: { gte: from, lt: to } },
      orderBy: { bucketStart: 'asc' },
      select: { bucketStart: true, count: true, sum: true, min: true, max: true },
    });
    return rows.map((r) => ({ at: r.bucketStart, count: r.count, sum: r.sum, min: r.min, max: r.max }));
  }

  /** The most recent sample value of `metric` at or before `at`, or null. */
  async latestValue(accountId: string, metric: UsageMetric, at: Date): Promise<number | null> {
    const row = await this.prisma.usageSample.findFirst({
      where: { accountId, metric, at: { lte: at } },
      orderBy: { at: 'desc' },
      select: { value: true },
    });
    return row?.value ?? null;
  }

  /** Sum of `metric`'s samples in `[from, to)` (0 without samples). */
  async sum(accountId: string, metric: UsageMetric, from: Date, to: Date): Promise<number> {
    const result = await this.prisma.usageSample.aggregate({
      where: { accountId, metric, at: { gte: from, lt: to } },
      _sum: { value: true },
    });
    return result._sum.value ?? 0;
  }
}
