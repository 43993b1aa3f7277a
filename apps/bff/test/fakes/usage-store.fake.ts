import {
  UsageStore,
  type AppendResult,
  type MaintenanceReport,
  type RawCursor,
  type RawSample,
  type SeriesInfo,
  type SeriesPoint,
  type SeriesRead,
  type StoredSample,
} from '../../src/modules/usage/usage-store.port';

const WIDTH: Readonly<Record<string, number>> = {
  '1m': 60_000,
  '10m': 600_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/**
 * {@link UsageStore} in memory, computing every read from the raw samples (a full recompute each time): the
 * reference the PostgreSQL adapter's incremental rollups are compared with, and the store of unit tests.
 */
export class InMemoryUsageStore extends UsageStore {
  readonly samples: StoredSample[] = [];
  private readonly keys = new Set<string>();

  async append(samples: readonly StoredSample[]): Promise<AppendResult> {
    let inserted = 0;
    const touched = new Map<
      string,
      { accountId: string; metric: string; service: string | null; from: Date; to: Date }
    >();
    for (const s of samples) {
      const idKey = s.sampleId === null ? null : `${s.accountId}|${s.sampleId}`;
      const natural = `${s.accountId}|${s.metric}|${s.service ?? ''}|${s.at.getTime()}|${s.sampleId ?? ''}`;
      if ((idKey && this.keys.has(idKey)) || this.keys.has(natural)) continue;
      if (idKey) this.keys.add(idKey);
      this.keys.add(natural);
      this.samples.push(s);
      inserted += 1;
      const k = `${s.accountId}|${s.metric}|${s.service ?? ''}`;
      const t = touched.get(k) ?? {
        accountId: s.accountId,
        metric: s.metric,
        service: s.service,
        from: s.at,
        to: new Date(s.at.getTime() + 1),
      };
      if (s.at < t.from) t.from = s.at;
      if (s.at.getTime() + 1 > t.to.getTime()) t.to = new Date(s.at.getTime() + 1);
      touched.set(k, t);
    }
    return { inserted, touched: [...touched.values()] };
  }

  private select(
    accountId: string,
    metric: string,
    service: string | null,
    from: Date,
    to: Date,
  ): StoredSample[] {
    return this.samples
      .filter(
        (s) =>
          s.accountId === accountId &&
          s.metric === metric &&
          (service === null || s.service === service) &&
          s.at >= from &&
          s.at < to,
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async series(read: SeriesRead): Promise<SeriesPoint[]> {
    const rows = this.select(read.accountId, read.metric, read.service, read.from, read.to);
    const width = WIDTH[read.resolution];
    const perService = new Map<
      string,
      { at: Date; service: string | null; values: number[]; last: number }
    >();
    for (const s of rows) {
      const at = width === undefined ? s.at : new Date(Math.floor(s.at.getTime() / width) * width);
      const k = `${at.getTime()}|${s.service ?? ''}`;
      const b = perService.get(k) ?? { at, service: s.service, values: [], last: s.value };
      b.values.push(s.value);
      b.last = s.value;
      perService.set(k, b);
    }
    const gauge = read.kind === 'gauge';
    const points = [...perService.values()].map((b): SeriesPoint => {
      const sum = b.values.reduce((x, y) => x + y, 0);
      return gauge
        ? {
            at: b.at,
            service: b.service,
            value: sum / b.values.length,
            min: Math.min(...b.values),
            max: Math.max(...b.values),
            last: b.last,
            count: b.values.length,
          }
        : {
            at: b.at,
            service: b.service,
            value: sum,
            min: null,
            max: null,
            last: sum,
            count: b.values.length,
          };
    });
    points.sort(
      (a, b) => a.at.getTime() - b.at.getTime() || (a.service ?? '').localeCompare(b.service ?? ''),
    );
    if (read.groupByService === true) return points;
    if (read.service !== null) return points.map((p) => ({ ...p, service: null }));
    const combined = new Map<number, SeriesPoint>();
    for (const p of points) {
      const c = combined.get(p.at.getTime());
      if (!c) combined.set(p.at.getTime(), { ...p, service: null });
      else {
        c.value += p.value;
        c.last += p.last;
        c.count += p.count;
        if (gauge) {
          c.min = (c.min ?? 0) + (p.min ?? 0);
          c.max = (c.max ?? 0) + (p.max ?? 0);
        }
      }
    }
    return [...combined.values()];
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
    const key = (s: { service: string | null; at: Date; sampleId: string | null }) =>
      `${s.service ?? ''}\u0000${s.at.toISOString()}\u0000${s.sampleId ?? ''}`;
    const after = read.cursor
      ? key({ service: read.cursor.service, at: read.cursor.at, sampleId: read.cursor.sampleId })
      : null;
    return this.select(read.accountId, read.metric, read.service, read.from, read.to)
      .sort((a, b) => key(a).localeCompare(key(b)))
      .filter((s) => after === null || key(s) > after)
      .slice(0, read.limit)
      .map((s) => ({ at: s.at, service: s.service, value: s.value, sampleId: s.sampleId }));
  }

  async *seriesChunks(read: SeriesRead): AsyncIterable<SeriesPoint[]> {
    yield await this.series(read);
  }

  async seriesInfo(accountId: string, metric?: string): Promise<SeriesInfo[]> {
    const map = new Map<string, SeriesInfo>();
    for (const s of this.samples.filter(
      (x) => x.accountId === accountId && (metric === undefined || x.metric === metric),
    )) {
      const k = `${s.metric}|${s.service ?? ''}`;
      const i = map.get(k);
      if (!i)
        map.set(k, { metric: s.metric, service: s.service, firstAt: s.at, lastAt: s.at, lastValue: s.value });
      else {
        if (s.at < i.firstAt) i.firstAt = s.at;
        if (s.at >= i.lastAt) {
          i.lastAt = s.at;
          i.lastValue = s.value;
        }
      }
    }
    return [...map.values()];
  }

  async totals(
    accountId: string,
    metric: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ service: string | null; sum: number }>> {
    const sums = new Map<string | null, number>();
    for (const s of this.select(accountId, metric, null, from, to))
      sums.set(s.service, (sums.get(s.service) ?? 0) + s.value);
    return [...sums].map(([service, sum]) => ({ service, sum }));
  }

  async ensurePartitions(): Promise<string[]> {
    return [];
  }

  async maintain(): Promise<MaintenanceReport> {
    return { partitionsCreated: [], partitionsDropped: [], rowsDeleted: 0 };
  }
}
