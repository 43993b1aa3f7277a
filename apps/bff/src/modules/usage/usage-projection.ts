import type { UsageProjection } from '@portico/domain';
import { linearRegression, linearRegressionLine, mean, probit } from 'simple-statistics';

const DAY_MS = 86_400_000;
/** How far ahead a gauge's limit crossing is looked for. */
const CROSSING_HORIZON_MS = 365 * DAY_MS;
/** z of a two-sided 95 % interval. */
const Z95 = probit(0.975);

/** One day of history: `t` the day's start (epoch ms), `v` the gauge's last value or the counter's sum that day. */
export interface DailyValue {
  t: number;
  v: number;
}

interface Fit {
  predict: (tMs: number) => number;
  slopePerDay: number;
  /** Standard error of a new observation's prediction at `tMs`. */
  predictionError: (tMs: number) => number;
  residualError: number;
  n: number;
}

/** Least-squares line through the days (x in days), with the standard errors of its predictions. */
function fit(days: readonly DailyValue[]): Fit | null {
  if (days.length < 3) return null;
  const t0 = days[0]!.t;
  const points = days.map((d) => [(d.t - t0) / DAY_MS, d.v] as [number, number]);
  const line = linearRegressionLine(linearRegression(points));
  const xs = points.map((p) => p[0]);
  const xMean = mean(xs);
  const sxx = xs.reduce((s, x) => s + (x - xMean) ** 2, 0);
  const sse = points.reduce((s, [x, y]) => s + (y - line(x)) ** 2, 0);
  const residualError = Math.sqrt(sse / (points.length - 2));
  const n = points.length;
  const slope = n > 1 ? line(1) - line(0) : 0;
  return {
    predict: (tMs) => line((tMs - t0) / DAY_MS),
    slopePerDay: slope,
    predictionError: (tMs) => {
      const x = (tMs - t0) / DAY_MS;
      return residualError * Math.sqrt(1 + 1 / n + (sxx > 0 ? (x - xMean) ** 2 / sxx : 0));
    },
    residualError,
    n,
  };
}

/**
 * Projects a gauge to the end of the billing period: a least-squares line through its daily last values (the
 * latest day first moved to `now` so the line starts from the current level), evaluated at `periodEnd`, with a 95 %
 * prediction interval, and the instant the line reaches `limit` (within a year; null when it falls or is already
 * over). Values never go below 0.
 * @returns null with fewer than 3 days of history
 */
export function projectGauge(
  days: readonly DailyValue[],
  now: Date,
  periodEnd: Date,
  limit: number | null,
): UsageProjection | null {
  const f = fit(days);
  if (!f) return null;
  const end = periodEnd.getTime();
  const value = Math.max(0, f.predict(end));
  const band = Z95 * f.predictionError(end);
  let limitCrossingAt: string | null = null;
  const current = f.predict(now.getTime());
  const latest = days[days.length - 1]!.v;
  if (limit !== null && f.slopePerDay > 0 && latest < limit) {
    const crossing = now.getTime() + ((limit - current) / f.slopePerDay) * DAY_MS;
    if (crossing >= now.getTime() && crossing - now.getTime() <= CROSSING_HORIZON_MS)
      limitCrossingAt = new Date(crossing).toISOString();
    else if (crossing < now.getTime()) limitCrossingAt = now.toISOString();
  }
  return {
    periodEnd: periodEnd.toISOString(),
    value,
    low: Math.max(0, value - band),
    high: value + band,
    limitCrossingAt,
    slopePerDay: f.slopePerDay,
    basis: f.n,
  };
}

/**
 * Projects a counter's period total: the total so far plus the daily amounts the least-squares line through the
 * daily sums predicts for the rest of the period (the rest of today pro rata), never negative. The 95 % interval
 * adds the residual error of each remaining day (independent days: sqrt of the count). The limit crossing is the
 * instant the running total reaches `limit` before the period ends (null otherwise, or when already over).
 * @param days complete days before today (today's partial sum is in `totalSoFar`)
 * @returns null with fewer than 3 days of history
 */
export function projectCounter(
  days: readonly DailyValue[],
  totalSoFar: number,
  now: Date,
  periodEnd: Date,
  limit: number | null,
): UsageProjection | null {
  const f = fit(days);
  if (!f) return null;
  const end = periodEnd.getTime();
  let running = totalSoFar;
  let remainingDays = 0;
  let limitCrossingAt: string | null = null;
  const over = limit !== null && totalSoFar >= limit;
  let t = now.getTime();
  while (t < end) {
    const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, end);
    const share = (dayEnd - t) / DAY_MS;
    const amount = Math.max(0, f.predict(dayStart)) * share;
    if (limit !== null && !over && limitCrossingAt === null && running + amount >= limit && amount > 0) {
      limitCrossingAt = new Date(t + ((limit - running) / amount) * (dayEnd - t)).toISOString();
    }
    running += amount;
    remainingDays += share;
    t = dayEnd;
  }
  const band = Z95 * f.residualError * Math.sqrt(remainingDays);
  return {
    periodEnd: periodEnd.toISOString(),
    value: running,
    low: Math.max(totalSoFar, running - band),
    high: running + band,
    limitCrossingAt,
    slopePerDay: f.slopePerDay,
    basis: f.n,
  };
}
