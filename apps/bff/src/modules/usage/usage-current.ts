import { usagePeriodOf, type MetricDefinition } from '@portico/domain';
import type { UsageStore } from './usage-store.port';

/** One series' current figure: gauge = its latest sample, counter = its sum over the billing period. */
export interface CurrentFigure {
  service: string | null;
  value: number;
  /** The latest sample's instant (null for a counter without samples this period). */
  at: Date | null;
}

/**
 * The current figure of every series of `metric` (from the recorded samples): gauges their latest value (the
 * series registry), counters their total over the billing period holding `now` (the daily rollups).
 */
export async function currentFigures(
  store: UsageStore,
  accountId: string,
  metric: MetricDefinition,
  now: Date,
): Promise<CurrentFigure[]> {
  const series = await store.seriesInfo(accountId, metric.key);
  if (metric.kind === 'gauge')
    return series.map((s) => ({ service: s.service, value: s.lastValue, at: s.lastAt }));
  const period = usagePeriodOf(now);
  const totals = await store.totals(accountId, metric.key, period.start, period.end);
  const lastAt = new Map(series.map((s) => [s.service, s.lastAt]));
  return totals.map((t) => {
    const at = lastAt.get(t.service) ?? null;
    return { service: t.service, value: t.sum, at: at !== null && at >= period.start ? at : null };
  });
}

/** The figure of one service (or, service null, the sum across services). */
export function figureOf(figures: readonly CurrentFigure[], service: string | null): number {
  return figures
    .filter((f) => service === null || f.service === service)
    .reduce((sum, f) => sum + f.value, 0);
}
